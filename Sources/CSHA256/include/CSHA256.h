// SHA-256's round constants, and its compression function and PBKDF2's round loop on the CPU's SHA
// extensions (x86-64 SHA-NI), for OAuthCtlCore's SHA256State and PBKDF2: fingerprints spend all their time
// there. Portable Swift does the same where the CPU lacks them (OAuthCtlCore/Secrets); tests compare both.
#ifndef CSHA256_H
#define CSHA256_H

#include <stdint.h>

/// SHA-256's 64 round constants (FIPS 180-4 §4.2.2), for the portable Swift and the code here alike.
const uint32_t *oauthctl_sha256_round_constants(void);

/// 1 when this CPU has the SHA extensions (and SSE4.1) that `oauthctl_sha256_compress_ni` uses, else 0.
int oauthctl_sha256_ni_available(void);

/// Compresses one block into `state` (the eight chaining words, a first): `words` are the block's sixteen
/// message words, already read big-endian. Call only when `oauthctl_sha256_ni_available()` is 1.
void oauthctl_sha256_compress_ni(uint32_t state[8], const uint32_t words[16]);

/// PBKDF2-HMAC-SHA256's rounds after the first, for one block: `count` times, `u` becomes the HMAC of `u`
/// under the key whose padded blocks compress to `inner` and `outer`, and is XORed into `t`. Call only when
/// `oauthctl_sha256_ni_available()` is 1.
void oauthctl_pbkdf2_sha256_rounds_ni(
    const uint32_t inner[8], const uint32_t outer[8], uint32_t u[8], uint32_t t[8], uint64_t count);

#endif
