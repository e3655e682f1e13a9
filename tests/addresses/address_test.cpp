// Addresses as people write them in front matter and site.yaml.
#include "addresses/address.h"

#include <gtest/gtest.h>

namespace kiosk {
namespace {

constexpr std::string_view kBase = "https://www.example.gov.tw/office/";

std::string Read(std::string_view text) {
  Result<std::string> address = ReadSiteAddress(text, {"content/x.md", 3, 11}, kBase);
  return address ? *address : "error: " + address.error().message + " — " + address.error().hint;
}

TEST(SiteAddressTest, APagesAddressFromTheSitesRoot) {
  EXPECT_EQ(Read("/faq/parks/"), "/faq/parks/");
  EXPECT_EQ(Read("  /en/faq/parks/ "), "/en/faq/parks/");
  EXPECT_EQ(Read("/"), "/");
  EXPECT_EQ(Read("/old/parks.html"), "/old/parks.html") << "an older site's page";
  EXPECT_EQ(Read("/old/parks.htm"), "/old/parks.htm");
}

TEST(SiteAddressTest, AsABrowserShowsIt) {
  EXPECT_EQ(Read("https://www.example.gov.tw/office/faq/parks/"), "/faq/parks/");
  EXPECT_EQ(Read("/news/%E5%BF%97%E5%B7%A5%E6%8B%9B%E5%8B%9F/"), "/news/志工招募/");
  EXPECT_EQ(Read("/news/志工招募/"), "/news/志工招募/");
}

TEST(SiteAddressTest, WhatCannotBeAnAddressSaysHowToWriteIt) {
  EXPECT_EQ(Read("faq/parks/"),
            "error: 'faq/parks/' does not start at the site's root — write it from the root, "
            "with a leading '/': /faq/parks/");
  EXPECT_EQ(Read("https://example.com/faq/"),
            "error: 'https://example.com/faq/' is not an address of this site "
            "(https://www.example.gov.tw/office/) — write the address below base_url, starting "
            "with '/', e.g. /faq/parks/");
  EXPECT_EQ(Read("/faq/parks"),
            "error: '/faq/parks' names neither a folder nor a page — end a page's address with "
            "'/', as in /faq/parks/ (or name an .html file)");
  EXPECT_EQ(Read("/cp.aspx?n=12"),
            "error: '/cp.aspx?n=12' has a query or a fragment — write the path alone: a web "
            "server serves a site's files without '?…' or '#…'");
  EXPECT_EQ(Read("/faq/../../etc/"),
            "error: '/faq/../../etc/' cannot be an address: in '..', '.' and '..' are not names "
            "— write each part of the address as the site names its folders and pages");
  EXPECT_EQ(Read("/faq//parks/"),
            "error: '/faq//parks/' cannot be an address: it has '//' — write each part of the "
            "address as the site names its folders and pages");
  EXPECT_EQ(Read("/%2e%2e/x/").substr(0, 6), "error:") << "decoded first";
  EXPECT_EQ(Read("/%FF/").substr(0, 6), "error:");
}

TEST(SiteAddressTest, AnErrorIsAtTheGivenPlace) {
  const Result<std::string> address = ReadSiteAddress("faq", {"site.yaml", 22, 3}, kBase);
  ASSERT_FALSE(address);
  EXPECT_EQ(address.error().where.file, "site.yaml");
  EXPECT_EQ(address.error().where.line, 22);
  EXPECT_EQ(address.error().where.column, 3);
}

TEST(SiteAddressTest, TheFileThatServesAnAddress) {
  EXPECT_EQ(AddressFile("/"), "index.html");
  EXPECT_EQ(AddressFile("/faq/parks/"), "faq/parks/index.html");
  EXPECT_EQ(AddressFile("/old/parks.html"), "old/parks.html");
}

}  // namespace
}  // namespace kiosk
