#include "base/hash.h"

#include <xxhash.h>

namespace kiosk {

Fingerprint& Fingerprint::Add(std::string_view text) {
  Add(static_cast<uint64_t>(text.size()));
  value_ = XXH3_64bits_withSeed(text.data(), text.size(), value_);
  return *this;
}

Fingerprint& Fingerprint::Add(uint64_t number) {
  value_ = XXH3_64bits_withSeed(&number, sizeof number, value_);
  return *this;
}

uint64_t HashBytes(std::string_view bytes) { return XXH3_64bits(bytes.data(), bytes.size()); }

}  // namespace kiosk
