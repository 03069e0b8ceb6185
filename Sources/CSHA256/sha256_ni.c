// See include/CSHA256.h. The round structure follows Intel's description of the SHA extensions:
// the state is kept as two vectors (ABEF and CDGH), SHA256RNDS2 does two rounds, SHA256MSG1/MSG2
// extend the message schedule four words at a time.
#include "CSHA256.h"

static const uint32_t round_constants[64] = {
    0x428a2f98, 0x71374491, 0xb5c0fbcf, 0xe9b5dba5, 0x3956c25b, 0x59f111f1, 0x923f82a4, 0xab1c5ed5,
    0xd807aa98, 0x12835b01, 0x243185be, 0x550c7dc3, 0x72be5d74, 0x80deb1fe, 0x9bdc06a7, 0xc19bf174,
    0xe49b69c1, 0xefbe4786, 0x0fc19dc6, 0x240ca1cc, 0x2de92c6f, 0x4a7484aa, 0x5cb0a9dc, 0x76f988da,
    0x983e5152, 0xa831c66d, 0xb00327c8, 0xbf597fc7, 0xc6e00bf3, 0xd5a79147, 0x06ca6351, 0x14292967,
    0x27b70a85, 0x2e1b2138, 0x4d2c6dfc, 0x53380d13, 0x650a7354, 0x766a0abb, 0x81c2c92e, 0x92722c85,
    0xa2bfe8a1, 0xa81a664b, 0xc24b8b70, 0xc76c51a3, 0xd192e819, 0xd6990624, 0xf40e3585, 0x106aa070,
    0x19a4c116, 0x1e376c08, 0x2748774c, 0x34b0bcb5, 0x391c0cb3, 0x4ed8aa4a, 0x5b9cca4f, 0x682e6ff3,
    0x748f82ee, 0x78a5636f, 0x84c87814, 0x8cc70208, 0x90befffa, 0xa4506ceb, 0xbef9a3f7, 0xc67178f2,
};

const uint32_t *oauthctl_sha256_round_constants(void) { return round_constants; }

#if defined(__x86_64__)
#include <cpuid.h>
#include <immintrin.h>
#include <string.h>

int oauthctl_sha256_ni_available(void) {
    unsigned int eax, ebx, ecx, edx;
    if (!__get_cpuid(1, &eax, &ebx, &ecx, &edx) || !(ecx & bit_SSE4_1)) return 0;
    if (!__get_cpuid_count(7, 0, &eax, &ebx, &ecx, &edx)) return 0;
    return (ebx & bit_SHA) ? 1 : 0;
}

__attribute__((target("sha,sse4.1"))) static inline void compress(uint32_t state[8], const uint32_t words[16]) {
    // state[0..3] = A B C D and state[4..7] = E F G H (lane 0 first) become ABEF and CDGH, lane 3 first.
    __m128i abcd = _mm_loadu_si128((const __m128i *)&state[0]);
    __m128i efgh = _mm_loadu_si128((const __m128i *)&state[4]);
    __m128i cdab = _mm_shuffle_epi32(abcd, 0xB1);
    __m128i efgh_reversed = _mm_shuffle_epi32(efgh, 0x1B);
    __m128i abef = _mm_alignr_epi8(cdab, efgh_reversed, 8);
    __m128i cdgh = _mm_blend_epi16(efgh_reversed, cdab, 0xF0);
    const __m128i abef_start = abef, cdgh_start = cdgh;

    // The schedule, four words per vector: m[j] holds W[4j..4j+3].
    __m128i m[16];
    for (int j = 0; j < 4; j++) m[j] = _mm_loadu_si128((const __m128i *)&words[4 * j]);
    for (int j = 0; j < 16; j++) {
        if (j >= 4) {
            // W[t] = s1(W[t-2]) + W[t-7] + s0(W[t-15]) + W[t-16]: MSG1 adds s0, the shifted pair adds
            // W[t-7], MSG2 adds s1 (of words it has just made, for the upper two).
            __m128i x = _mm_sha256msg1_epu32(m[j - 4], m[j - 3]);
            x = _mm_add_epi32(x, _mm_alignr_epi8(m[j - 1], m[j - 2], 4));
            m[j] = _mm_sha256msg2_epu32(x, m[j - 1]);
        }
        __m128i kw = _mm_add_epi32(m[j], _mm_loadu_si128((const __m128i *)&round_constants[4 * j]));
        cdgh = _mm_sha256rnds2_epu32(cdgh, abef, kw);
        abef = _mm_sha256rnds2_epu32(abef, cdgh, _mm_shuffle_epi32(kw, 0x0E));
    }
    abef = _mm_add_epi32(abef, abef_start);
    cdgh = _mm_add_epi32(cdgh, cdgh_start);

    // Back to A B C D and E F G H.
    __m128i feba = _mm_shuffle_epi32(abef, 0x1B);
    __m128i dchg = _mm_shuffle_epi32(cdgh, 0xB1);
    _mm_storeu_si128((__m128i *)&state[0], _mm_blend_epi16(feba, dchg, 0xF0));
    _mm_storeu_si128((__m128i *)&state[4], _mm_alignr_epi8(dchg, feba, 8));
}

__attribute__((target("sha,sse4.1")))
void oauthctl_sha256_compress_ni(uint32_t state[8], const uint32_t words[16]) {
    compress(state, words);
}

__attribute__((target("sha,sse4.1")))
void oauthctl_pbkdf2_sha256_rounds_ni(
    const uint32_t inner[8], const uint32_t outer[8], uint32_t u[8], uint32_t t[8], uint64_t count) {
    // A 32-byte message after the 64-byte key block: the digest, then its padding (length 96 bytes).
    uint32_t block[16] = {0};
    block[8] = 0x80000000u;
    block[15] = (64 + 32) * 8;
    uint32_t state[8];
    for (uint64_t round = 0; round < count; round++) {
        memcpy(block, u, 32);
        memcpy(state, inner, 32);
        compress(state, block);
        memcpy(block, state, 32);
        memcpy(state, outer, 32);
        compress(state, block);
        for (int i = 0; i < 8; i++) {
            u[i] = state[i];
            t[i] ^= state[i];
        }
    }
}

#else

int oauthctl_sha256_ni_available(void) { return 0; }

void oauthctl_sha256_compress_ni(uint32_t state[8], const uint32_t words[16]) {
    (void)state;
    (void)words;
}

void oauthctl_pbkdf2_sha256_rounds_ni(
    const uint32_t inner[8], const uint32_t outer[8], uint32_t u[8], uint32_t t[8], uint64_t count) {
    (void)inner;
    (void)outer;
    (void)u;
    (void)t;
    (void)count;
}

#endif
