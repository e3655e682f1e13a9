// Fuzz target: the checker's CSS reader. The input is the stylesheet a fixed page links,
// so that its selectors are matched, its cascade computed and its colours and sizes checked
// against elements of every kind the rules read.
#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "check/page_check.h"

namespace {

constexpr std::string_view kPage = R"(<!DOCTYPE html>
<html lang="zh-Hant-TW"><head><meta charset="utf-8"><title>測試頁</title>
<link rel="stylesheet" href="/site.css"><link rel="stylesheet" href="/print.css" media="print">
</head>
<body class="page faq"><a href="#main" class="skip" accesskey="C">跳到主要內容</a>
<header id="top"><nav aria-label="主選單"><ul><li><a href="/faq/" aria-current="page">常見問題</a></li>
<li class="x"><a href="/news/">最新消息</a></li></ul></nav></header>
<main id="main"><h1>標題</h1><p lang="en" dir="ltr">Text <em>em</em> <small>small</small></p>
<table><caption>表</caption><tr><th scope="col">欄</th></tr><tr><td>格</td></tr></table>
<form><label for="q">搜尋</label><input id="q" type="search" required>
<button type="submit" disabled>送出</button><select><option selected>一</option></select></form>
<img src="a.png" alt="圖"><svg role="img" aria-label="圖示"><title>圖示</title></svg>
<div style="color:#777;background:#fff;font-size:12px" hidden>隱藏</div><p></p>
</main><footer><p>© 清溪區公所</p></footer></body></html>
)";

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  const std::string css(reinterpret_cast<const char*>(data), size);
  const auto load = [&](const std::string&) -> std::optional<std::string> { return css; };
  kiosk::check::CheckHtml(kPage, "/", load, kiosk::check::CheckOptions{});
  kiosk::check::ParseDeclarations(css);
  return 0;
}
