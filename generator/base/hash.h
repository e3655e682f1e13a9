// Fingerprints: 64-bit hashes of everything an output depends on, for incremental builds.
#pragma once

#include <cstdint>
#include <span>
#include <string_view>

namespace kiosk {

// Folds values into one hash (xxHash's XXH3). Each value is length-prefixed, so that
// ("ab", "c") and ("a", "bc") differ.
class Fingerprint {
 public:
  Fingerprint& Add(std::string_view text);
  Fingerprint& Add(uint64_t number);
  uint64_t value() const { return value_; }

 private:
  uint64_t value_ = 0x6b696f736b;  // "kiosk"
};

uint64_t HashBytes(std::string_view bytes);
// The same hash of the pieces' bytes one after another, without joining them.
uint64_t HashBytes(std::span<const std::string_view> pieces);

}  // namespace kiosk
