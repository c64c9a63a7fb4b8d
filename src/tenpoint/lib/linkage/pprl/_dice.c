/* Dice coefficient of packed Bloom filters, all pairs above a threshold.
 *
 * Compiled at first use by dice.py (gcc -O3 -march=native on the machine that runs it) and
 * loaded with ctypes; dice.py has a numpy fallback with identical results.
 *
 * a: na x words uint64, b: nb x words uint64, pa/pb: popcounts of each row.
 * Pairs with score >= threshold are written to out_i/out_j/out_s while fewer than cap have
 * been found; the return value is the total found, so the caller can grow the buffers and
 * call again when it exceeds cap.  Score = 2|a&b| / (|a|+|b|) in double, exactly as the
 * Python reference computes it (0 when both filters are empty).
 */
#include <stdint.h>

#define B_TILE 512 /* 512 rows x 128 bytes = 64 KiB of b stays in L1/L2 while a rows stream */

static inline uint32_t and_count(const uint64_t *x, const uint64_t *y, int64_t words) {
    uint64_t c0 = 0, c1 = 0, c2 = 0, c3 = 0;
    int64_t w = 0;
    for (; w + 4 <= words; w += 4) {
        c0 += (uint64_t)__builtin_popcountll(x[w] & y[w]);
        c1 += (uint64_t)__builtin_popcountll(x[w + 1] & y[w + 1]);
        c2 += (uint64_t)__builtin_popcountll(x[w + 2] & y[w + 2]);
        c3 += (uint64_t)__builtin_popcountll(x[w + 3] & y[w + 3]);
    }
    for (; w < words; w++) c0 += (uint64_t)__builtin_popcountll(x[w] & y[w]);
    return (uint32_t)(c0 + c1 + c2 + c3);
}

int64_t tp_dice_pairs(const uint64_t *a, int64_t na, const uint64_t *b, int64_t nb, int64_t words,
                      const uint32_t *pa, const uint32_t *pb, const uint32_t *need,
                      int64_t *out_i, int64_t *out_j, double *out_s, int64_t cap) {
    /* need[t] is the least |a&b| for which 2|a&b|/t >= threshold when |a|+|b| = t (the caller
     * computes it with the same double arithmetic as the score, so the test is exact); comparing
     * integers keeps the division out of the inner loop. */
    int64_t found = 0;
    for (int64_t j0 = 0; j0 < nb; j0 += B_TILE) {
        int64_t j1 = j0 + B_TILE < nb ? j0 + B_TILE : nb;
        int64_t i = 0;
        if (words == 16) {
            /* Four rows of a against each row of b: b is loaded once for four comparisons. */
            for (; i + 4 <= na; i += 4) {
                const uint64_t *x0 = a + i * 16, *x1 = x0 + 16, *x2 = x0 + 32, *x3 = x0 + 48;
                for (int64_t j = j0; j < j1; j++) {
                    const uint64_t *y = b + j * 16;
                    uint64_t c0 = 0, c1 = 0, c2 = 0, c3 = 0;
                    for (int w = 0; w < 16; w++) {
                        const uint64_t v = y[w];
                        c0 += (uint64_t)__builtin_popcountll(x0[w] & v);
                        c1 += (uint64_t)__builtin_popcountll(x1[w] & v);
                        c2 += (uint64_t)__builtin_popcountll(x2[w] & v);
                        c3 += (uint64_t)__builtin_popcountll(x3[w] & v);
                    }
                    const uint64_t counts[4] = {c0, c1, c2, c3};
                    for (int r = 0; r < 4; r++) {
                        const uint32_t total = pa[i + r] + pb[j];
                        if (counts[r] >= need[total]) {
                            if (found < cap) {
                                out_i[found] = i + r;
                                out_j[found] = j;
                                out_s[found] = total > 0 ? 2.0 * (double)counts[r] / (double)total : 0.0;
                            }
                            found++;
                        }
                    }
                }
            }
        }
        for (; i < na; i++) {
            const uint64_t *x = a + i * words;
            const uint32_t ci = pa[i];
            for (int64_t j = j0; j < j1; j++) {
                const uint32_t total = ci + pb[j];
                const uint32_t least = need[total];
                if ((ci < pb[j] ? ci : pb[j]) < least) continue;
                const uint32_t inter = and_count(x, b + j * words, words);
                if (inter >= least) {
                    if (found < cap) {
                        out_i[found] = i;
                        out_j[found] = j;
                        out_s[found] = total > 0 ? 2.0 * (double)inter / (double)total : 0.0;
                    }
                    found++;
                }
            }
        }
    }
    return found;
}

/* Popcount of each row (used for the scores' denominators). */
void tp_popcounts(const uint64_t *a, int64_t n, int64_t words, uint32_t *out) {
    for (int64_t i = 0; i < n; i++) {
        uint64_t c = 0;
        for (int64_t w = 0; w < words; w++) c += (uint64_t)__builtin_popcountll(a[i * words + w]);
        out[i] = (uint32_t)c;
    }
}

/* Greedy one-to-one assignment: walk the pairs in the given order (best first) and keep a
 * pair when neither of its records is taken yet. taken_a/taken_b are zeroed by the caller. */
void tp_greedy(const int64_t *order, int64_t n, const int64_t *pi, const int64_t *pj,
               uint8_t *taken_a, uint8_t *taken_b, uint8_t *keep) {
    for (int64_t k = 0; k < n; k++) {
        const int64_t p = order[k];
        const int64_t i = pi[p], j = pj[p];
        if (!taken_a[i] && !taken_b[j]) {
            taken_a[i] = 1;
            taken_b[j] = 1;
            keep[p] = 1;
        }
    }
}
