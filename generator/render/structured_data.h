// schema.org JSON-LD for search engines and assistants: FAQPage for FAQ pages and
// GovernmentService for service pages.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "content/service_procedure.h"
#include "markdown/markdown.h"

namespace kiosk {

struct Question {
  std::string id;
  std::string text;
  std::string answer_html;  // everything below the question, up to the next one
};

// The questions of a FAQ page: its `##` headings and the HTML under each.
std::vector<Question> SplitQuestions(const RenderedMarkdown& body);

// The text of an HTML fragment: tags dropped, entities decoded, white space folded.
std::string HtmlToText(std::string_view html);

// A JSON string literal, safe inside <script> (no "</script>" can appear in it).
std::string JsonString(std::string_view text);

std::string FaqPageJsonLd(const std::vector<Question>& questions, const std::string& language);

struct ServiceJsonLdInput {
  std::string name;
  std::string description;
  std::string url;
  std::string language;
  std::string provider;  // the office's name
  std::string provider_url;
  std::string department;
  std::string address;
  std::string phone;
};
std::string GovernmentServiceJsonLd(const ServiceJsonLdInput& input,
                                    const ServiceProcedure& service);

}  // namespace kiosk
