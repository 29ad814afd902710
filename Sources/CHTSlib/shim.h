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


// MARK: - Appending INFO fields without bcf_update_info

/// Appends one INFO pair (key id, then a string value) to `s`, BCF-encoded exactly as bcf_update_info encodes it.
static inline int csl_info_enc_str(kstring_t *s, int key, const char *value) {
    if (bcf_enc_int1(s, key) < 0) return -1;
    return bcf_enc_vchar(s, (int)strlen(value), value);
}
/// The same for a string of `length` bytes.
static inline int csl_info_enc_strn(kstring_t *s, int key, const char *value, int length) {
    if (bcf_enc_int1(s, key) < 0) return -1;
    return bcf_enc_vchar(s, length, value);
}
/// The same for `n` integers (bcf_int32_missing for a missing value).
static inline int csl_info_enc_int(kstring_t *s, int key, int n, int32_t *values) {
    if (bcf_enc_int1(s, key) < 0) return -1;
    return bcf_enc_vint(s, n, values, -1);
}
/// The same for `n` floats.
static inline int csl_info_enc_float(kstring_t *s, int key, int n, float *values) {
    if (bcf_enc_int1(s, key) < 0) return -1;
    return bcf_enc_vfloat(s, n, values);
}

/// Decodes one encoded INFO pair at `p` into `info` as bcf_unpack does (htslib's bcf_unpack_info_core1, which is
/// static); returns the byte after it.
static inline uint8_t *csl_info_decode1(uint8_t *p, bcf_info_t *info) {
    uint8_t *start = p;
    info->key = (int)bcf_dec_typed_int1(p, &p);
    info->len = bcf_dec_size(p, &p, &info->type);
    info->vptr = p;
    info->vptr_off = (uint32_t)(p - start);
    info->vptr_free = 0;
    info->v1.i = 0;
    if (info->len == 1) {
        switch (info->type) {
        case BCF_BT_INT8: case BCF_BT_CHAR: info->v1.i = *(int8_t *)p; break;
        case BCF_BT_INT16: info->v1.i = le_to_i16(p); break;
        case BCF_BT_INT32: info->v1.i = le_to_i32(p); break;
        case BCF_BT_INT64: info->v1.i = le_to_i64(p); break;
        case BCF_BT_FLOAT: info->v1.f = le_to_float(p); break;
        }
    }
    info->vptr_len = (uint32_t)info->len << bcf_type_shift[info->type];
    return p + info->vptr_len;
}

/// Makes room for `n` decoded INFO entries in `v->d.info`.
static inline int csl_info_reserve(bcf1_t *v, int n) {
    if (n <= v->d.m_info) return 0;
    int m = n;
    kroundup32(m);
    bcf_info_t *info = (bcf_info_t *)realloc(v->d.info, (size_t)m * sizeof(bcf_info_t));
    if (!info) return -1;
    memset(info + v->d.m_info, 0, (size_t)(m - v->d.m_info) * sizeof(bcf_info_t));
    v->d.info = info;
    v->d.m_info = m;
    return 0;
}

/// Adds `count` INFO fields, BCF-encoded back to back in `enc` (csl_info_enc_*), to `v` as if bcf_update_info had
/// added each (new keys only: a key the record already has would be repeated), without re-encoding the record.
///
/// While the record's INFO is unchanged since it was read (INFO is the last section of the shared block), the
/// pairs are appended to the shared block: the record stays clean and htslib writes its block as it is. If INFO
/// was decoded, the new pairs are decoded too when `keep_decoded` is set (VCF text output reads them from there
/// next), else the record is marked INFO-not-decoded (BCF output never reads the decoded form; htslib decodes
/// again from the block when something asks). When INFO was changed (an earlier bcf_update_info) or the record was
/// built field by field, decoded entries pointing into `enc` are added and INFO is marked changed, as
/// bcf_update_info does; `enc` must then stay unchanged until the record is written.
/// Returns 0, or -1 when memory runs out or the record would hold more than 65535 INFO fields.
static inline int csl_info_append(bcf1_t *v, const kstring_t *enc, int count, int keep_decoded) {
    if (count <= 0 || enc->l == 0) return 0;
    int n = (int)v->n_info + count;
    if (n > 0xffff) return -1;
    int decoded = (v->unpacked & BCF_UN_INFO) != 0;
    if (v->shared.l > 0 && !(v->d.shared_dirty & BCF1_DIRTY_INF)) {
        if (decoded && !keep_decoded) {
            // Not changed, so no entry owns memory (vptr_free): they only point into the block.
            v->unpacked &= ~BCF_UN_INFO;
            decoded = 0;
        }
        uintptr_t old = (uintptr_t)v->shared.s;
        size_t at = v->shared.l;
        if (decoded && csl_info_reserve(v, n) < 0) return -1;
        if (kputsn_(enc->s, enc->l, &v->shared) < 0) return -1;
        if (decoded) {
            // Unchanged INFO entries all point into the shared block, which may have moved.
            if ((uintptr_t)v->shared.s != old) {
                for (int i = 0; i < (int)v->n_info; i++) {
                    bcf_info_t *f = &v->d.info[i];
                    if (f->vptr) f->vptr = (uint8_t *)v->shared.s + ((uintptr_t)f->vptr - old);
                }
            }
            uint8_t *p = (uint8_t *)v->shared.s + at;
            for (int i = (int)v->n_info; i < n; i++) p = csl_info_decode1(p, &v->d.info[i]);
        }
        v->n_info = n;
        return 0;
    }
    if (v->shared.l > 0 && !decoded) bcf_unpack(v, BCF_UN_INFO);
    if (csl_info_reserve(v, n) < 0) return -1;
    uint8_t *p = (uint8_t *)enc->s;
    for (int i = (int)v->n_info; i < n; i++) p = csl_info_decode1(p, &v->d.info[i]);
    v->n_info = n;
    v->d.shared_dirty |= BCF1_DIRTY_INF;
    return 0;
}
/// Whether `id` is a declared INFO tag of `h`.
static inline int csl_hdr_info_exists(const bcf_hdr_t *h, int id) { return bcf_hdr_idinfo_exists(h, BCF_HL_INFO, id); }


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
