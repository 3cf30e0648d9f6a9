// SHA-256 digests (see tumen/output/sha256.hpp), computed by OpenSSL's libcrypto: a well-kept
// implementation rather than one of our own. Only this file includes OpenSSL.
#include "tumen/output/sha256.hpp"

#include <openssl/evp.h>

#include <array>

#include "tumen/base/error.hpp"

namespace tumen::output {

std::string sha256_hex(std::string_view text) {
  std::array<unsigned char, EVP_MAX_MD_SIZE> digest{};
  unsigned int size = 0;
  if (EVP_Digest(text.data(), text.size(), digest.data(), &size, EVP_sha256(), nullptr) != 1 ||
      size != 32)
    throw tumen::runtime_error("cannot compute a SHA-256 digest (OpenSSL's EVP_Digest failed)");
  static constexpr std::string_view hex_digits = "0123456789abcdef";
  std::string out;
  out.reserve(2 * size);
  for (unsigned int i = 0; i < size; ++i) {
    out += hex_digits[digest[i] >> 4];
    out += hex_digits[digest[i] & 0x0f];
  }
  return out;
}

}  // namespace tumen::output
