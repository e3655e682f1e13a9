#include <gtest/gtest.h>
TEST(Placeholder, Works) {}
