#include "base/hash.h"

#include <xxhash.h>

#include <memory>

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

uint64_t HashBytes(std::span<const std::string_view> pieces) {
  if (pieces.size() == 1) return HashBytes(pieces.front());
  const std::unique_ptr<XXH3_state_t, decltype(&XXH3_freeState)> state(XXH3_createState(),
                                                                       XXH3_freeState);
  XXH3_64bits_reset(state.get());
  for (std::string_view piece : pieces) {
    XXH3_64bits_update(state.get(), piece.data(), piece.size());
  }
  return XXH3_64bits_digest(state.get());
}

}  // namespace kiosk
