#!/usr/bin/env bash
# Regenerates the malformed-input fixtures listed in CASES.tsv (run from anywhere; needs bgzip, tabix, bcftools).
#
# Every file is hand-made from the small header below: no real data. The text fixtures are written literally;
# the compressed and binary ones are made with bgzip/bcftools from a valid small VCF and then cut short or
# corrupted with head/dd, so the damage is deterministic. Sample columns carry the marker SECRET123 so the
# tests can check that no error message ever echoes sample data.
set -euo pipefail
cd "$(dirname "$0")"
export LC_ALL=C

# A deterministic 2000-base chr1 (a linear congruential generator, so REF bases can be taken from it).
SEQ=$(awk 'BEGIN { s = 12345; for (i = 0; i < 2000; i++) { s = (s * 1103515245 + 12345) % 2147483648;
       printf "%s", substr("ACGT", int(s / 65536) % 4 + 1, 1) } }')
base() { printf '%s' "${SEQ:$(($1 - 1)):${2:-1}}"; }

# Reference FASTA, 60 bases a line, with its .fai written by hand (name, length, offset, bases/line, bytes/line).
{ echo ">chr1"; printf '%s\n' "$SEQ" | fold -w 60; } > ref.fa
printf 'chr1\t2000\t6\t60\t61\n' > ref.fa.fai
# A FASTA whose index claims GRCh38's chr1 length. faidx trusts the .fai, and the build check reads only
# lengths, so a 60-base file stands in for the 248 Mb chromosome without shipping it.
{ echo ">chr1"; printf '%s\n' "${SEQ:0:60}"; } > ref-grch38-lengths.fa
printf 'chr1\t248956422\t6\t60\t61\n' > ref-grch38-lengths.fa.fai

T=$'\t'
A100=$(base 100); A200=$(base 200); A300=$(base 300)
ALT100=$([ "$A100" = A ] && echo G || echo A)
ALT200=$([ "$A200" = C ] && echo T || echo C)
ALT300=$([ "$A300" = G ] && echo A || echo G)

header() {  # $1: contig line (optional override)
    printf '%s\n' '##fileformat=VCFv4.2' "${1:-##contig=<ID=chr1,length=2000>}" \
        '##INFO=<ID=DP,Number=1,Type=Integer,Description="Total depth">' \
        '##INFO=<ID=AF,Number=A,Type=Float,Description="Allele frequency">' \
        '##FORMAT=<ID=GT,Number=1,Type=String,Description="Genotype">' \
        '##FORMAT=<ID=AD,Number=R,Type=Integer,Description="Allelic depths">' \
        '##FORMAT=<ID=FT,Number=1,Type=String,Description="Sample filter">'
    printf '#CHROM\tPOS\tID\tREF\tALT\tQUAL\tFILTER\tINFO\tFORMAT\tS1\tS2\n'
}
GOOD="chr1${T}100${T}.${T}${A100}${T}${ALT100}${T}50${T}PASS${T}DP=10;AF=0.5${T}GT:AD:FT${T}0/1:5,5:SECRET123${T}0/0:9,0:SECRET123"
LAST="chr1${T}300${T}.${T}${A300}${T}${ALT300}${T}40${T}PASS${T}DP=7;AF=0.25${T}GT:AD:FT${T}0/1:4,3:SECRET123${T}0/1:2,2:SECRET123"
S="GT:AD:FT${T}0/1:5,5:SECRET123${T}0/0:9,0:SECRET123"

# Header (lines 1-8), a good record (line 9), the record given (line 10), a good record (line 11).
bad() { { header; printf '%s\n' "$GOOD" "$1" "$LAST"; } > "$2"; }
# Fixed columns of the line-10 record, with one of them replaced.
rec() {  # POS REF ALT QUAL FILTER INFO REST
    printf 'chr1\t%s\t.\t%s\t%s\t%s\t%s\t%s\t%s' "$1" "$2" "$3" "$4" "$5" "$6" "$7"
}

# --- empty and missing headers -------------------------------------------------------------------------------
: > empty.vcf
printf '%s\n' "$GOOD" "$LAST" > no-header.vcf
{ header | sed '/^#CHROM/d'; printf '%s\n' "$GOOD" "$LAST"; } > no-chrom-line.vcf
{ header | sed '/^#CHROM/d'; } > header-only-no-chrom.vcf
{ header | sed 's/^#CHROM.*/#CHROM POS ID REF ALT QUAL FILTER INFO FORMAT S1 S2/'; printf '%s\n' "$GOOD" "$LAST"; } > chrom-line-spaces.vcf
{ header | sed 's/^#CHROM.*/#CHROM\tPOS\tID\tREF\tALT/'; printf '%s\n' "$GOOD" "$LAST"; } > chrom-line-missing-columns.vcf
{ header | sed 's/^#CHROM.*/#CHROM\tPOS\tID\tREF\tALT\tQUAL\tFILTER\tINFO\tFORMAT\tS1\tS1/'; printf '%s\n' "$GOOD" "$LAST"; } > chrom-line-duplicate-sample.vcf
{ header | sed 's/^#CHROM\tPOS\tID/#CHROM\tPOSITION\tID/'; printf '%s\n' "$GOOD" "$LAST"; } > chrom-line-wrong-name.vcf
{ header | sed 's/^##INFO=<ID=DP,Number=1,Type=Integer,Description="Total depth">$/##INFO=<ID=DP,Number=1,Type=Integer,Description="Total depth"/'; printf '%s\n' "$GOOD" "$LAST"; } > info-header-unclosed.vcf
{ header | sed 's/Type=Integer,Description="Total depth"/Type=Count,Description="Total depth"/'; printf '%s\n' "$GOOD" "$LAST"; } > info-header-bad-type.vcf
{ header | sed 's/^##INFO=<ID=DP,/##INFO=</'; printf '%s\n' "$GOOD" "$LAST"; } > info-header-no-id.vcf
{ header | sed 's/ID=DP,Number=1,/ID=DP,Number=one,/'; printf '%s\n' "$GOOD" "$LAST"; } > info-header-bad-number.vcf
{ header | sed 's/^##INFO=<ID=DP,/#INFO=<ID=DP,/'; printf '%s\n' "$GOOD" "$LAST"; } > header-single-hash.vcf
{ header | sed 's/^##FORMAT=<ID=AD,.*/##FORMAT=AD/'; printf '%s\n' "$GOOD" "$LAST"; } > format-header-not-structured.vcf

# --- fixed columns -------------------------------------------------------------------------------------------
bad "$(rec 2OO  "$A200" "$ALT200" 50 PASS 'DP=3' "$S")" pos-non-numeric.vcf
bad "$(rec -200 "$A200" "$ALT200" 50 PASS 'DP=3' "$S")" pos-negative.vcf
bad "$(rec 0    "$A200" "$ALT200" 50 PASS 'DP=3' "$S")" pos-zero.vcf
bad "$(rec ''   "$A200" "$ALT200" 50 PASS 'DP=3' "$S")" pos-empty.vcf
bad "$(rec 99999999999999999999 "$A200" "$ALT200" 50 PASS 'DP=3' "$S")" pos-overflow.vcf
bad "chr1${T}200${T}.${T}${A200}${T}${ALT200}" too-few-columns.vcf
bad "chr1 200 . ${A200} ${ALT200} 50 PASS DP=3 GT:AD:FT 0/1:5,5:SECRET123 0/0:9,0:SECRET123" space-separated.vcf
bad "$(rec 200 "$A200" "$ALT200" 50 PASS 'DP=3' "$S")${T}0/1:1,1:SECRET123" samples-too-many.vcf
bad "$(rec 200 "$A200" "$ALT200" 50 PASS 'DP=3' "GT:AD:FT${T}0/1:5,5:SECRET123")" samples-too-few.vcf
# ${var%?} drops the tab rec() adds before an empty last column.
r=$(rec 200 "$A200" "$ALT200" 50 PASS 'DP=3' ''); bad "${r%?}" samples-missing-format.vcf
bad "$(rec 200 "${A200}1"  "$ALT200" 50 PASS 'DP=3' "$S")" ref-digits.vcf
bad "$(rec 200 "${A200}X"  "$ALT200" 50 PASS 'DP=3' "$S")" ref-invalid-letter.vcf
bad "$(rec 200 ''          "$ALT200" 50 PASS 'DP=3' "$S")" ref-empty.vcf
bad "$(rec 200 .           "$ALT200" 50 PASS 'DP=3' "$S")" ref-dot.vcf
bad "$(rec 200 "$A200"     ''        50 PASS 'DP=3' "$S")" alt-empty.vcf
bad "$(rec 200 "$A200" "$ALT200" high PASS 'DP=3' "$S")" qual-non-numeric.vcf
bad "$(rec 200 "$A200" "$ALT200" 50 ''   'DP=3' "$S")" filter-empty.vcf
bad "$(rec 200 "$A200" "$ALT200" 50 PASS 'DP=ten' "$S")" info-integer-word.vcf
bad "$(rec 200 "$A200" "$ALT200" 50 PASS 'DP=3;AF=high' "$S")" info-float-word.vcf
bad "$(rec 200 "$A200" "$ALT200" 50 PASS 'DP=3;XY=1' "$S")" info-undeclared.vcf
bad "$(rec 200 "$A200" "$ALT200" 50 PASS 'DP=3' "GT:AD:FT${T}0/1:five,5:SECRET123${T}0/0:9,0:SECRET123")" format-integer-word.vcf
bad "$(rec 200 "$A200" "$ALT200" 50 PASS 'DP=3' "GT:AD:ZZ${T}0/1:5,5:SECRET123${T}0/0:9,0:SECRET123")" format-undeclared.vcf
bad "$(rec 200 "$A200" "$ALT200" 50 PASS 'DP=3' "GT:AD${T}0/1:5,5:SECRET123${T}0/0:9,0")" format-too-many-values.vcf
bad "$(rec 200 "$A200" "$ALT200" 50 PASS 'DP=3' "GT:AD:FT${T}0/3:5,5:SECRET123${T}0/0:9,0:SECRET123")" gt-allele-out-of-range.vcf
bad "chr2${T}200${T}.${T}${A200}${T}${ALT200}${T}50${T}PASS${T}DP=3${T}${S}" contig-undeclared.vcf

# --- reference checks (need -f) ------------------------------------------------------------------------------
WRONG200=$([ "$A200" = T ] && echo G || echo T)
bad "$(rec 200 "$WRONG200" "$([ "$WRONG200" = A ] && echo C || echo A)" 50 PASS 'DP=3' "$S")" ref-mismatch.vcf
{ header | sed 's/^##contig=<ID=chr1,length=2000>$/##contig=<ID=chr1,length=2000>\n##contig=<ID=chr2,length=500>/';
  printf '%s\n' "$GOOD" "chr2${T}50${T}.${T}A${T}G${T}50${T}PASS${T}DP=3${T}${S}"; } > contig-not-in-reference.vcf
{ header '##contig=<ID=chr1,length=249250621>'; printf '%s\n' "$GOOD" "$LAST"; } > grch37-contigs.vcf

# --- compressed and binary inputs ----------------------------------------------------------------------------
# A valid input large enough to span several BGZF blocks (64 KiB of text each), so cuts fall mid-file.
valid_big() {
    header
    for i in $(seq 1 1990); do
        p=$((i)); printf 'chr1\t%d\t.\t%s\t%s\t50\tPASS\tDP=%d;AF=0.5\t%s\n' "$p" "$(base $p)" \
            "$([ "$(base $p)" = A ] && echo G || echo A)" "$((i % 90 + 10))" "$S"
    done
}
valid_big > /tmp/consilium-malformed-big.$$.vcf
bgzip -c /tmp/consilium-malformed-big.$$.vcf > /tmp/consilium-malformed-big.$$.vcf.gz
size=$(stat -c %s /tmp/consilium-malformed-big.$$.vcf.gz)
# Cut in the middle of the data: the last block is incomplete and the EOF marker is missing.
head -c $((size / 2)) /tmp/consilium-malformed-big.$$.vcf.gz > truncated.vcf.gz
# Keep only the first whole BGZF block: every block is intact, only the end-of-file marker is missing.
first=$(( $(od -An -tu2 -j16 -N2 /tmp/consilium-malformed-big.$$.vcf.gz) + 1 ))
head -c "$first" /tmp/consilium-malformed-big.$$.vcf.gz > truncated-at-block.vcf.gz
# Overwrite 64 bytes inside the first block's deflate stream: the CRC check fails on decompression.
cp /tmp/consilium-malformed-big.$$.vcf.gz corrupt-block.vcf.gz
printf 'CONSILIUMCORRUPTCONSILIUMCORRUPTCONSILIUMCORRUPTCONSILIUMCORRUPT' |
    dd of=corrupt-block.vcf.gz bs=1 seek=2000 conv=notrunc status=none
bcftools view -O b -o /tmp/consilium-malformed-big.$$.bcf /tmp/consilium-malformed-big.$$.vcf
size=$(stat -c %s /tmp/consilium-malformed-big.$$.bcf)
head -c $((size / 2)) /tmp/consilium-malformed-big.$$.bcf > truncated.bcf
head -c 300 /tmp/consilium-malformed-big.$$.bcf > truncated-header.bcf
# gzip (not bgzip): readable as a stream, but not indexable for -r.
gzip -n -c /tmp/consilium-malformed-big.$$.vcf > gzip-not-bgzip.vcf.gz
# Valid inputs for the region and output cases.
{ header; printf '%s\n' "$GOOD" "$LAST"; } > region-plain.vcf
bgzip -c region-plain.vcf > region-no-index.vcf.gz
bgzip -c region-plain.vcf > region-unknown-contig.vcf.gz
tabix -f -p vcf region-unknown-contig.vcf.gz
cp region-plain.vcf output-cases.vcf
rm -f /tmp/consilium-malformed-big.$$.*

# A PNG signature and IHDR chunk: a binary file that is not VCF.
printf '\x89PNG\r\n\x1a\n\x00\x00\x00\x0dIHDR\x00\x00\x00\x01\x00\x00\x00\x01\x08\x06\x00\x00\x00\x1f\x15\xc4\x89' > not-vcf.png
