#ifndef CONSILIUM_CHTSLIB_SHIM_H
#define CONSILIUM_CHTSLIB_SHIM_H

// Swift cannot import htslib's function-like macros; these inline wrappers expose the few we use.
#include <htslib/hts.h>
#include <htslib/hts_log.h>
#include <htslib/vcf.h>
#include <htslib/faidx.h>
#include <htslib/tbx.h>
#include <htslib/kstring.h>
#include <htslib/bgzf.h>
#include <htslib/thread_pool.h>
#include <htslib/hfile.h>
#include <stdint.h>
#include <string.h>

static inline int csl_hdr_nsamples(const bcf_hdr_t *h) { return bcf_hdr_nsamples(h); }
static inline int csl_hdr_ncontigs(const bcf_hdr_t *h) { return h->n[BCF_DT_CTG]; }
static inline const char *csl_hdr_contig_name(const bcf_hdr_t *h, int rid) { return bcf_hdr_id2name(h, rid); }
static inline const char *csl_hdr_sample_name(const bcf_hdr_t *h, int i) { return h->samples[i]; }
static inline int csl_hdr_nids(const bcf_hdr_t *h) { return h->n[BCF_DT_ID]; }
static inline const char *csl_hdr_id_key(const bcf_hdr_t *h, int id) { return h->id[BCF_DT_ID][id].key; }
/// Header type/length/number for an INFO (BCF_HL_INFO) or FORMAT (BCF_HL_FMT) id; -1 when undefined.
static inline int csl_hdr_id_exists(const bcf_hdr_t *h, int hl, int id) {
    return id >= 0 && id < h->n[BCF_DT_ID] && h->id[BCF_DT_ID][id].val && h->id[BCF_DT_ID][id].val->hrec[hl] ? 1 : 0;
}
static inline int csl_hdr_id_type(const bcf_hdr_t *h, int hl, int id) { return bcf_hdr_id2type(h, hl, id); }
static inline int csl_hdr_id_length(const bcf_hdr_t *h, int hl, int id) { return bcf_hdr_id2length(h, hl, id); }
static inline int csl_hdr_id_number(const bcf_hdr_t *h, int hl, int id) { return bcf_hdr_id2number(h, hl, id); }
/// Contig length from the header (0 when the contig line has no length).
static inline int64_t csl_hdr_contig_length(const bcf_hdr_t *h, int rid) {
    if (rid < 0 || rid >= h->n[BCF_DT_CTG]) return 0;
    const bcf_idinfo_t *v = h->id[BCF_DT_CTG][rid].val;
    return v ? (int64_t)v->info[0] : 0;
}

static inline int32_t csl_int32_missing(void) { return bcf_int32_missing; }
static inline int32_t csl_int32_vector_end(void) { return bcf_int32_vector_end; }
static inline int csl_gt_is_missing(int32_t v) { return bcf_gt_is_missing(v); }
static inline int csl_gt_is_phased(int32_t v) { return bcf_gt_is_phased(v); }
static inline int csl_gt_allele(int32_t v) { return bcf_gt_allele(v); }
static inline int32_t csl_gt_phased(int a) { return bcf_gt_phased(a); }
static inline int32_t csl_gt_unphased(int a) { return bcf_gt_unphased(a); }
static inline int32_t csl_gt_missing(void) { return bcf_gt_missing; }

static inline void csl_float_set_missing(float *f) { bcf_float_set_missing(*f); }
static inline void csl_float_set_vector_end(float *f) { bcf_float_set_vector_end(*f); }
static inline int csl_float_is_missing(float f) { return bcf_float_is_missing(f); }
static inline int csl_float_is_vector_end(float f) { return bcf_float_is_vector_end(f); }

static inline int csl_kstring_len(const kstring_t *s) { return (int)s->l; }
static inline void csl_kstring_free(kstring_t *s) { free(s->s); s->s = NULL; s->l = s->m = 0; }

/// Format of an open file: 1 BCF, 2 VCF (text), 0 other.
static inline int csl_file_kind(htsFile *fp) {
    const htsFormat *f = hts_get_format(fp);
    if (f->format == bcf) return 1;
    if (f->format == vcf) return 2;
    return 0;
}
static inline int csl_file_is_bgzf(htsFile *fp) { return hts_get_format(fp)->compression == bgzf; }
static inline int csl_file_is_compressed(htsFile *fp) { return hts_get_format(fp)->compression != no_compression; }
static inline int csl_file_category(htsFile *fp) { return hts_get_format(fp)->category; }
static inline BGZF *csl_file_bgzf(htsFile *fp) { return fp->fp.bgzf; }
static inline kstring_t *csl_file_line(htsFile *fp) { return &fp->line; }
static inline int csl_set_threads(htsFile *fp, int n) { return hts_set_threads(fp, n); }
static inline int csl_set_thread_pool(htsFile *fp, htsThreadPool *p) { return hts_set_thread_pool(fp, p); }

static inline int csl_tbx_itr_next(htsFile *fp, tbx_t *tbx, hts_itr_t *itr, kstring_t *s) {
    return tbx_itr_next(fp, tbx, itr, s);
}
static inline hts_itr_t *csl_bcf_itr_querys(const hts_idx_t *idx, const bcf_hdr_t *hdr, const char *s) {
    return bcf_itr_querys(idx, hdr, s);
}
static inline int csl_bcf_itr_next(htsFile *fp, hts_itr_t *itr, bcf1_t *r) { return bcf_itr_next(fp, itr, r); }
static inline hts_itr_t *csl_tbx_itr_querys(const tbx_t *tbx, const char *s) { return tbx_itr_querys(tbx, s); }


/// Bytes of the underlying file consumed so far, for BGZF and for plain text (where fp.bgzf is not a BGZF).
static inline int64_t csl_file_bytes_read(htsFile *fp) {
    if (fp->is_bgzf) {
        BGZF *b = fp->fp.bgzf;
        return (b && b->fp) ? (int64_t)htell(b->fp) : 0;
    }
    if (fp->format.format == bcf || fp->format.format == vcf || fp->format.format == text_format) {
        return fp->fp.hfile ? (int64_t)htell(fp->fp.hfile) : 0;
    }
    return 0;
}

#endif
