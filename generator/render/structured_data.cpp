#include "render/structured_data.h"

#include <cstdio>

#include "base/text.h"

namespace kiosk {

std::vector<Question> SplitQuestions(const RenderedMarkdown& body) {
  std::vector<Question> questions;
  const std::string& html = body.html;
  for (const Heading& heading : body.headings) {
    if (heading.level != 2) continue;
    const std::string open = "<h2 id=\"" + EscapeHtml(heading.id) + "\"";
    const size_t at = html.find(open);
    if (at == std::string::npos) continue;
    const size_t answer_start = html.find("</h2>", at);
    if (answer_start == std::string::npos) continue;
    size_t answer_end = html.find("<h2 id=\"", answer_start);
    if (answer_end == std::string::npos) answer_end = html.size();
    const size_t content = answer_start + 5;
    questions.push_back(
        {heading.id, heading.text, std::string(Trim(html.substr(content, answer_end - content)))});
  }
  return questions;
}

std::string HtmlToText(std::string_view html) {
  std::string text;
  bool in_tag = false;
  bool space = false;
  for (size_t i = 0; i < html.size(); ++i) {
    const char c = html[i];
    if (in_tag) {
      in_tag = c != '>';
      continue;
    }
    if (c == '<') {
      in_tag = true;
      space = true;  // block ends and <br> separate words
      continue;
    }
    if (c == ' ' || c == '\n' || c == '\t' || c == '\r') {
      space = true;
      continue;
    }
    if (space && !text.empty()) {
      // Chinese needs no space between characters that a tag or line break separated.
      const bool cjk = IsWideCjk(LastCodePoint(text)) && IsWideCjk(FirstCodePoint(html.substr(i)));
      if (!cjk) text += ' ';
    }
    space = false;
    if (c == '&') {
      static constexpr std::pair<std::string_view, char> kEntities[] = {
          {"&amp;", '&'}, {"&lt;", '<'}, {"&gt;", '>'}, {"&quot;", '"'}, {"&#39;", '\''}};
      bool decoded = false;
      for (const auto& [entity, character] : kEntities) {
        if (html.substr(i, entity.size()) == entity) {
          text += character;
          i += entity.size() - 1;
          decoded = true;
          break;
        }
      }
      if (decoded) continue;
    }
    text += c;
  }
  return text;
}

std::string JsonString(std::string_view text) {
  std::string json = "\"";
  for (unsigned char c : text) {
    switch (c) {
      case '"':
        json += "\\\"";
        break;
      case '\\':
        json += "\\\\";
        break;
      case '\n':
        json += "\\n";
        break;
      case '\r':
        json += "\\r";
        break;
      case '\t':
        json += "\\t";
        break;
      case '<':
        json += "\\u003c";
        break;
      case '>':
        json += "\\u003e";
        break;
      case '&':
        json += "\\u0026";
        break;
      default:
        if (c < 0x20) {
          char escaped[8];
          std::snprintf(escaped, sizeof escaped, "\\u%04x", c);
          json += escaped;
        } else {
          json += static_cast<char>(c);
        }
    }
  }
  return json + "\"";
}

std::string FaqPageJsonLd(const std::vector<Question>& questions, const std::string& language) {
  std::string json = "{\"@context\":\"https://schema.org\",\"@type\":\"FAQPage\",\"inLanguage\":" +
                     JsonString(language) + ",\"mainEntity\":[";
  for (size_t i = 0; i < questions.size(); ++i) {
    if (i) json += ',';
    json += "{\"@type\":\"Question\",\"name\":" + JsonString(questions[i].text) +
            ",\"acceptedAnswer\":{\"@type\":\"Answer\",\"text\":" +
            JsonString(HtmlToText(questions[i].answer_html)) + "}}";
  }
  return json + "]}";
}

std::string GovernmentServiceJsonLd(const ServiceJsonLdInput& input,
                                    const ServiceProcedure& service) {
  std::string json = "{\"@context\":\"https://schema.org\",\"@type\":\"GovernmentService\"";
  json += ",\"name\":" + JsonString(input.name);
  if (!input.description.empty()) json += ",\"description\":" + JsonString(input.description);
  json += ",\"url\":" + JsonString(input.url);
  json += ",\"inLanguage\":" + JsonString(input.language);
  json +=
      ",\"provider\":{\"@type\":\"GovernmentOrganization\",\"name\":" + JsonString(input.provider) +
      ",\"url\":" + JsonString(input.provider_url);
  if (!input.department.empty()) {
    json += ",\"department\":{\"@type\":\"GovernmentOrganization\",\"name\":" +
            JsonString(input.department) + "}";
  }
  json += "}";
  if (!service.eligibility.empty())
    json += ",\"audience\":{\"@type\":\"Audience\",\"audienceType\":" +
            JsonString(service.eligibility) + "}";
  json += ",\"availableChannel\":[";
  std::string channels;
  if (!service.counter.empty() || !input.phone.empty()) {
    channels += "{\"@type\":\"ServiceChannel\",\"name\":" +
                JsonString(service.counter.empty() ? input.address : service.counter);
    if (!input.phone.empty())
      channels +=
          ",\"servicePhone\":{\"@type\":\"ContactPoint\",\"telephone\":" + JsonString(input.phone) +
          "}";
    channels +=
        ",\"serviceLocation\":{\"@type\":\"Place\",\"address\":" + JsonString(input.address) + "}}";
  }
  if (!service.online_url.empty()) {
    if (!channels.empty()) channels += ',';
    channels +=
        "{\"@type\":\"ServiceChannel\",\"serviceUrl\":" + JsonString(service.online_url) + "}";
  }
  json += channels + "]";
  return json + "}";
}

}  // namespace kiosk
