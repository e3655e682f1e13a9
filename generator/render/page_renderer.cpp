#include "render/page_renderer.h"

#include <algorithm>
#include <kainjow/mustache.hpp>
#include <map>
#include <memory>
#include <optional>

#include "base/parallel.h"
#include "base/text.h"
#include "fs/file_system.h"
#include "qr/qr_code.h"
#include "render/site_files.h"
#include "render/structured_data.h"
#include "search/search_index.h"

namespace kiosk {

namespace mustache = kainjow::mustache;

std::vector<std::string_view> OutputFile::Bytes() const {
  if (pieces.empty()) return {contents};
  const std::string_view previous = kept ? kept->view() : std::string_view();
  std::vector<std::string_view> bytes;
  bytes.reserve(pieces.size());
  for (const OutputPiece& piece : pieces) {
    bytes.push_back(
        (piece.kept ? previous : std::string_view(contents)).substr(piece.offset, piece.size));
  }
  return bytes;
}

std::string FormatDate(const Date& date, std::string_view pattern, std::string_view month_names) {
  const auto two = [](int n) { return (n < 10 ? "0" : "") + std::to_string(n); };
  std::vector<std::string_view> months;
  for (size_t start = 0; start <= month_names.size() && !month_names.empty();) {
    size_t comma = month_names.find(',', start);
    if (comma == std::string_view::npos) comma = month_names.size();
    months.push_back(Trim(month_names.substr(start, comma - start)));
    start = comma + 1;
  }
  const std::map<std::string_view, std::string> fields = {
      {"{yyyy}", std::to_string(date.year)},
      {"{roc}", std::to_string(date.year - 1911)},
      {"{m}", std::to_string(date.month)},
      {"{mm}", two(date.month)},
      {"{d}", std::to_string(date.day)},
      {"{dd}", two(date.day)},
      {"{month}",
       months.size() == 12 ? std::string(months[date.month - 1]) : std::to_string(date.month)},
  };
  std::string out;
  for (size_t i = 0; i < pattern.size();) {
    bool replaced = false;
    if (pattern[i] == '{') {
      for (const auto& [field, value] : fields) {
        if (pattern.substr(i, field.size()) == field) {
          out += value;
          i += field.size();
          replaced = true;
          break;
        }
      }
    }
    if (!replaced) out += pattern[i++];
  }
  return out;
}

namespace {

// A link kiosk writes itself, with its text as its title too, as Taiwan's rules ask at AAA
// (HM3240900C) and as the theme's links have.
std::string LinkHtml(const std::string& href, const std::string& text) {
  return "<a href=\"" + EscapeHtml(href) + "\" title=\"" + EscapeHtml(text) + "\">" +
         EscapeHtml(text) + "</a>";
}

// Mustache treats an empty string as true in {{#key}}; kiosk's templates use {{#key}} to
// leave out what a page does not have, so empty text is stored as false.
void Set(mustache::data& object, const std::string& key, const std::string& text) {
  object.set(key, text.empty() ? mustache::data(false) : mustache::data(text));
}
void Set(mustache::data& object, const std::string& key, bool flag) {
  object.set(key, mustache::data(flag));
}
// Moves the value in: kainjow's set() would copy it deeply.
void Set(mustache::data& object, const std::string& key, mustache::data value) {
  object[key] = std::move(value);
}

mustache::data ToData(const Value& value) {
  switch (value.kind) {
    case Value::Kind::kNull:
      return mustache::data(false);
    case Value::Kind::kScalar:
      if (const auto flag = value.AsBool()) return mustache::data(*flag);
      return value.scalar.empty() ? mustache::data(false) : mustache::data(value.scalar);
    case Value::Kind::kList: {
      mustache::data list(mustache::data::type::list);
      for (const Value& item : value.items) list.push_back(ToData(item));
      return list;
    }
    case Value::Kind::kMap: {
      mustache::data object;
      for (const Value::Entry& entry : value.entries) Set(object, entry.key, ToData(entry.value));
      return object;
    }
  }
  return {};
}

// Builds the data a template sees. The part shared by every page of a language is built
// once; each page pushes its own part on top of it.
class ContextBuilder {
 public:
  ContextBuilder(const Site& site, const Theme& theme) : site_(site), theme_(theme) {
    for (const Language& language : site.config().languages) {
      shared_[language.code] = SharedData(language);
    }
  }

  const mustache::data& Shared(const std::string& language) const { return shared_.at(language); }

  mustache::data PageData(const Page& page) const {
    const SiteConfig& config = site_.config();
    mustache::data data;
    mustache::data current = Summary(page);
    Set(current, "is_home", page.kind == PageKind::kHome);
    Set(current, "is_section", page.kind == PageKind::kSection);
    Set(current, "is_page", page.kind == PageKind::kPage);
    Set(current, "permalink", site_.Permalink(page));
    Set(current, "is_departments", page.kind == PageKind::kDepartments);
    Set(current, "is_department", page.kind == PageKind::kDepartment);
    Set(current, "type", page.type());
    if (page.source) {
      const SourcePage& source = *page.source;
      Set(current, "content", source.body.html);
      Set(current, "params", ToData(source.front_matter));
      mustache::data toc(mustache::data::type::list);
      for (const Heading& heading : source.body.headings) {
        if (heading.level != 2) continue;
        mustache::data item;
        Set(item, "id", heading.id);
        Set(item, "text", heading.text);
        toc.push_back(item);
      }
      Set(current, "has_toc", toc.list_value().size() >= 2);
      Set(current, "toc", std::move(toc));
      Set(current, "toc_html", NestedToc(source.body.headings));
      if (!source.department.empty()) {
        Set(current, "department",
            Department(*config.FindDepartment(source.department), page.language));
      }
      if (source.type == "faq") {
        const std::vector<Question> questions = SplitQuestions(source.body);
        mustache::data list(mustache::data::type::list);
        for (const Question& question : questions) {
          mustache::data item;
          Set(item, "id", question.id);
          Set(item, "text", question.text);
          list.push_back(item);
        }
        Set(current, "questions", std::move(list));
        Set(current, "json_ld", FaqPageJsonLd(questions, LanguageOf(page).html_lang));
      }
      if (source.service) {
        Set(current, "service", Service(*source.service, page));
        Set(current, "json_ld", ServiceJsonLd(page));
      }
    }
    if (page.kind == PageKind::kSiteMap) {
      Set(current, "sitemap_html", SiteMapHtml(site_.page(site_.home(page.language))));
    }
    if (page.kind == PageKind::kRedirect) {
      const Page& target = site_.page(page.target);
      Set(current, "target_url", site_.Url(target));
      Set(current, "target_permalink", site_.Permalink(target));
      // An alias may lead to a page of another language: its title is in that language.
      if (target.language != page.language) {
        Set(current, "target_lang", LanguageOf(target).html_lang);
      }
    }
    // Search engines keep the pages these lead to, not these.
    Set(current, "noindex", page.kind == PageKind::kRedirect || page.kind == PageKind::kEnded);
    if (page.kind == PageKind::kDepartment) {
      Set(current, "department",
          Department(*config.FindDepartment(page.department), page.language));
      // The department's pages by type: FAQs and services, as citizens look for them.
      std::vector<int> faqs, services, others;
      for (int index : page.children) {
        const std::string& type = site_.page(index).type();
        (type == "faq" ? faqs : type == "sop" ? services : others).push_back(index);
      }
      Set(current, "faq_pages", List(faqs));
      Set(current, "has_faq_pages", !faqs.empty());
      Set(current, "service_pages", List(services));
      Set(current, "has_service_pages", !services.empty());
      Set(current, "other_pages", List(others));
      Set(current, "has_other_pages", !others.empty());
    }
    if (page.parent >= 0) Set(current, "section", Summary(site_.page(page.parent)));

    mustache::data breadcrumbs(mustache::data::type::list);
    std::vector<int> chain;
    for (int at = page.parent; at >= 0; at = site_.page(at).parent) chain.push_back(at);
    for (auto it = chain.rbegin(); it != chain.rend(); ++it) {
      breadcrumbs.push_back(Link(site_.page(*it)));
    }
    Set(current, "breadcrumbs", std::move(breadcrumbs));

    Set(current, "pages", List(page.children));
    Set(current, "has_pages", !page.children.empty());
    Set(current, "subsections", List(page.subsections));
    Set(current, "has_subsections", !page.subsections.empty());
    if (page.kind == PageKind::kHome) {
      const std::vector<int> latest = site_.Latest(page.language, config.home_latest);
      Set(current, "latest", List(latest));
      Set(current, "has_latest", !latest.empty());
    }
    Set(data, "page", std::move(current));

    // The menu: top-level sections, marking the one this page is in.
    const Page& home = site_.page(site_.home(page.language));
    const std::string top = page.section.substr(0, page.section.find('/'));
    mustache::data menu(mustache::data::type::list);
    for (int index : home.subsections) {
      mustache::data item = Link(site_.page(index));
      Set(item, "current", !top.empty() && site_.page(index).section == top);
      menu.push_back(item);
    }
    Set(data, "menu", std::move(menu));
    // Pages at the top of content/ (accessibility statement, privacy policy …) are linked
    // from every footer.
    Set(data, "footer_pages", List(home.children));
    Set(data, "has_footer_pages", !home.children.empty());

    // Translations: alternates for the head, a switcher link for each other language.
    mustache::data alternates(mustache::data::type::list);
    mustache::data switcher(mustache::data::type::list);
    for (const Language& language : config.languages) {
      const auto translated = page.translations.find(language.code);
      if (translated != page.translations.end()) {
        mustache::data alternate;
        Set(alternate, "hreflang", language.html_lang);
        Set(alternate, "href", site_.Permalink(site_.page(translated->second)));
        alternates.push_back(alternate);
      }
      if (language.code == page.language) continue;
      mustache::data link;
      Set(link, "lang", language.html_lang);
      Set(link, "name", language.name);
      if (translated != page.translations.end()) {
        Set(link, "url", site_.Url(site_.page(translated->second)));
        Set(link, "translated", true);
      } else {
        // No translation: lead to the same section in the other language.
        int fallback = site_.section(language.code, page.section);
        if (fallback < 0) fallback = site_.home(language.code);
        Set(link, "url", site_.Url(site_.page(fallback)));
        Set(link, "translated", false);
        Set(link, "not_translated",
            theme_.Strings(language.code).count("not_translated")
                ? theme_.Strings(language.code).at("not_translated")
                : std::string());
      }
      switcher.push_back(link);
    }
    Set(data, "alternates", std::move(alternates));
    // A site in one language has no switcher: an empty <nav> fails the check (HM1240102C).
    Set(data, "has_switcher", config.languages.size() > 1);
    Set(data, "switcher", std::move(switcher));
    return data;
  }

  // The page's QR code: the URL it holds, the inline SVG, and the files beside the page.
  void AddQr(mustache::data& data, const Page& page, const std::string& url,
             const std::string& svg) const {
    mustache::data qr;
    Set(qr, "url", url);
    Set(qr, "svg", svg);
    Set(qr, "svg_file", site_.Url(page) + "qr.svg");
    Set(qr, "png_file", site_.Url(page) + "qr.png");
    Set(data["page"], "qr", std::move(qr));
  }

 private:
  mustache::data SharedData(const Language& language) const {
    const SiteConfig& config = site_.config();
    mustache::data site;
    Set(site, "title", language.title);
    Set(site, "base_url", config.base_url);
    Set(site, "base_path", config.base_path);
    Set(site, "generator", std::string("kiosk ") + KIOSK_VERSION);
    mustache::data lang;
    Set(lang, "code", language.code);
    Set(lang, "html_lang", language.html_lang);
    Set(lang, "name", language.name);
    Set(site, "language", std::move(lang));
    Set(site, "home_url", site_.Url(site_.page(site_.home(language.code))));
    for (const Page& page : site_.pages()) {
      if (page.kind == PageKind::kSiteMap && page.language == language.code) {
        Set(site, "sitemap_url", site_.Url(page));
      }
      if (page.kind == PageKind::kSearch && page.language == language.code) {
        Set(site, "search_url", site_.Url(page));
      }
    }
    if (site_.HasNewsFeed(language.code)) {
      Set(site, "feed_url", config.base_path + FeedPath(language));
    }

    const Office& office = config.office;
    mustache::data office_data;
    Set(office_data, "name", office.name.Get(language.code));
    Set(office_data, "address", office.address.Get(language.code));
    Set(office_data, "hours", office.hours.Get(language.code));
    Set(office_data, "phone", office.phone);
    Set(office_data, "phone_uri", PhoneUri(office.phone));
    Set(office_data, "fax", office.fax);
    Set(office_data, "email", office.email);
    Set(site, "office", std::move(office_data));
    Set(site, "search_index_url",
        config.base_path + SearchIndexFolder(config, language.code) + "index.txt");
    if (!config.badge_level.empty()) {
      // The badge image is shown at its own 88×31 size, as the badge rules ask.
      mustache::data badge;
      std::string level = config.badge_level;
      std::string lower = level;
      for (char& c : lower) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
      Set(badge, "url", config.badge_url);
      Set(badge, "image", config.base_path + "images/badge-" + lower + ".png");
      std::string alt = theme_.Strings(language.code).at("badge_alt");
      alt.replace(alt.find("{level}"), 7, level);
      Set(badge, "alt", alt);
      Set(site, "badge", std::move(badge));
    }

    mustache::data departments(mustache::data::type::list);
    for (const kiosk::Department& department : config.departments) {
      departments.push_back(Department(department, language.code));
    }
    Set(site, "departments", std::move(departments));

    mustache::data data;
    Set(data, "site", std::move(site));
    mustache::data strings;
    for (const auto& [key, text] : theme_.Strings(language.code)) Set(strings, key, text);
    Set(data, "i18n", std::move(strings));
    return data;
  }

  const Language& LanguageOf(const Page& page) const {
    return *site_.config().FindLanguage(page.language);
  }

  // Every section with its pages and sub-sections, as nested lists, for the site map.
  std::string SiteMapHtml(const Page& section) const {
    std::string html = "<ul>\n";
    for (int index : section.subsections) {
      const Page& sub = site_.page(index);
      html += "<li>" + LinkHtml(site_.Url(sub), sub.title);
      if (!sub.children.empty() || !sub.subsections.empty()) html += SiteMapHtml(sub);
      html += "</li>\n";
    }
    for (int index : section.children) {
      const Page& child = site_.page(index);
      html += "<li>" + LinkHtml(site_.Url(child), child.title) + "</li>\n";
    }
    return html + "</ul>";
  }

  // The headings as nested ordered lists (## to ####), for long documents.
  static std::string NestedToc(const std::vector<Heading>& headings) {
    std::string html;
    int depth = 0;           // open <ol> elements
    bool item_open = false;  // an <li> at the current depth is open
    for (const Heading& heading : headings) {
      if (heading.level < 2 || heading.level > 4) continue;
      const int level = heading.level - 1;
      if (depth == 0) {
        html += "<ol>";
        depth = 1;
      }
      if (level <= depth && item_open) html += "</li>";
      for (; depth > level; --depth) html += "</ol></li>";
      for (; depth < level; ++depth) {
        html += item_open ? "<ol>" : "<li><ol>";  // a skipped level gets an empty item
        item_open = false;
      }
      html += "<li>" + LinkHtml("#" + heading.id, heading.text);
      item_open = true;
    }
    if (item_open) html += "</li>";
    for (; depth > 1; --depth) html += "</ol></li>";
    if (depth == 1) html += "</ol>";
    return html;
  }

  mustache::data Download(const DownloadFile& file) const {
    mustache::data data;
    Set(data, "url", site_.config().base_path + EncodeUrlPath(file.path));
    Set(data, "format", file.format);
    Set(data, "size", file.size);
    return data;
  }

  mustache::data Service(const ServiceProcedure& service, const Page& page) const {
    const auto& strings = theme_.Strings(page.language);
    const auto text = [&](const char* key) {
      const auto found = strings.find(key);
      return found == strings.end() ? std::string() : found->second;
    };
    mustache::data data;
    for (auto [key, value] : {std::pair{"processing_time", &service.processing_time},
                              {"fee", &service.fee},
                              {"eligibility", &service.eligibility},
                              {"counter", &service.counter},
                              {"online_url", &service.online_url},
                              {"contact_name", &service.contact_name},
                              {"contact_email", &service.contact_email}}) {
      Set(data, key, *value);
    }
    std::string phone = service.contact_phone;
    if (phone.empty() && page.source && !page.source->department.empty()) {
      phone = site_.config().FindDepartment(page.source->department)->phone;
    }
    Set(data, "contact_phone", phone);
    Set(data, "contact_phone_uri", PhoneUri(phone));
    Set(data, "has_contact",
        !service.contact_name.empty() || !phone.empty() || !service.contact_email.empty());
    mustache::data laws(mustache::data::type::list);
    for (const LegalBasis& law : service.legal_basis) {
      mustache::data item;
      Set(item, "name", law.name);
      Set(item, "url", law.url);
      laws.push_back(item);
    }
    Set(data, "legal_basis", std::move(laws));
    Set(data, "has_legal_basis", !service.legal_basis.empty());
    mustache::data documents(mustache::data::type::list);
    for (const ServiceDocument& document : service.documents) {
      mustache::data item;
      Set(item, "name", document.name);
      Set(item, "copies", document.copies ? std::to_string(*document.copies) : std::string());
      Set(item, "original",
          !document.original   ? std::string()
          : *document.original ? text("original")
                               : text("photocopy"));
      Set(item, "note", document.note);
      documents.push_back(item);
    }
    Set(data, "documents", std::move(documents));
    Set(data, "has_documents", !service.documents.empty());
    mustache::data forms(mustache::data::type::list);
    for (const ServiceForm& form : service.forms) {
      mustache::data item;
      Set(item, "title", form.title);
      mustache::data files(mustache::data::type::list);
      for (const DownloadFile& file : form.files) files.push_back(Download(file));
      Set(item, "files", std::move(files));
      if (form.example) Set(item, "example", Download(*form.example));
      forms.push_back(item);
    }
    Set(data, "forms", std::move(forms));
    Set(data, "has_forms", !service.forms.empty());
    mustache::data steps(mustache::data::type::list);
    for (const ServiceStep& step : service.steps) {
      mustache::data item;
      Set(item, "who", step.who);
      Set(item, "what", step.what);
      Set(item, "time", step.time);
      steps.push_back(item);
    }
    Set(data, "steps", std::move(steps));
    return data;
  }

  std::string ServiceJsonLd(const Page& page) const {
    const SiteConfig& config = site_.config();
    ServiceJsonLdInput input;
    input.name = page.title;
    input.description = page.source->description;
    input.url = site_.Permalink(page);
    input.language = LanguageOf(page).html_lang;
    input.provider = config.office.name.Get(page.language);
    input.provider_url = site_.Permalink(site_.page(site_.home(page.language)));
    input.address = config.office.address.Get(page.language);
    input.phone = page.source->service->contact_phone;
    if (const kiosk::Department* department = config.FindDepartment(page.source->department)) {
      input.department = department->name.Get(page.language);
      if (input.phone.empty()) input.phone = department->phone;
    }
    return GovernmentServiceJsonLd(input, *page.source->service);
  }

  static std::string PhoneUri(const std::string& phone) {
    // "(02) 2345-6789 #100" -> "tel:+886223456789,100" is country-specific; keep digits only
    // and the extension after a pause, which every phone understands.
    std::string uri = "tel:";
    bool extension = false;
    for (char c : phone) {
      if (c >= '0' && c <= '9') uri += c;
      if (c == '+' && uri.size() == 4) uri += c;
      if ((c == '#' || c == 'x') && !extension) {
        uri += ',';
        extension = true;
      }
    }
    return uri;
  }

  mustache::data Department(const kiosk::Department& department,
                            const std::string& language) const {
    mustache::data data;
    Set(data, "id", department.id);
    Set(data, "name", department.name.Get(language));
    Set(data, "location", department.location.Get(language));
    Set(data, "phone", department.phone);
    Set(data, "phone_uri", PhoneUri(department.phone));
    Set(data, "email", department.email);
    if (const int page = site_.department(language, department.id); page >= 0) {
      Set(data, "url", site_.Url(site_.page(page)));
    }
    return data;
  }

  mustache::data Link(const Page& page) const {
    mustache::data link;
    Set(link, "title", page.title);
    Set(link, "url", site_.Url(page));
    Set(link, "is_home", page.kind == PageKind::kHome);
    return link;
  }

  std::optional<mustache::data> DateData(const Date* date, const std::string& language) const {
    if (!date) return std::nullopt;
    const auto& strings = theme_.Strings(language);
    const auto pattern = strings.find("date_format");
    const auto months = strings.find("month_names");
    mustache::data data;
    Set(data, "iso", date->iso);
    Set(data, "text",
        FormatDate(*date, pattern == strings.end() ? "{yyyy}-{mm}-{dd}" : pattern->second,
                   months == strings.end() ? "" : months->second));
    return data;
  }

  // What listings show of a page.
  mustache::data Summary(const Page& page) const {
    mustache::data summary = Link(page);
    Set(summary, "description", page.source ? page.source->description : std::string());
    for (auto [key, date] : {std::pair{"date", page.date()},
                             {"updated", page.updated()},
                             {"last_updated", page.last_updated()}}) {
      if (auto data = DateData(date, page.language)) Set(summary, key, *data);
    }
    if (page.parent >= 0) Set(summary, "section_title", site_.page(page.parent).title);
    return summary;
  }

  mustache::data List(const std::vector<int>& indexes) const {
    mustache::data list(mustache::data::type::list);
    for (int index : indexes) list.push_back(Summary(site_.page(index)));
    return list;
  }

  const Site& site_;
  const Theme& theme_;
  std::map<std::string, mustache::data> shared_;
};

// The template a page is rendered with: its layout, else its type's template, else the
// template of its kind.
const ThemeTemplate* ChooseTemplate(const Page& page, const Theme& theme, std::string& name,
                                    Diagnostics& diagnostics) {
  if (page.source && !page.source->layout.empty()) {
    name = page.source->layout;
    if (const ThemeTemplate* found = theme.Find(name)) return found;
    diagnostics.error(page.source->layout_where, "the template '" + name + "' does not exist",
                      "create templates/" + name + ".mustache in the theme, or remove 'layout:'");
    return nullptr;
  }
  if (page.source && !page.source->type.empty()) {
    name = page.kind == PageKind::kPage ? page.source->type : page.source->type + "-section";
    if (const ThemeTemplate* found = theme.Find(name)) return found;
  }
  switch (page.kind) {
    case PageKind::kHome:
      name = "home";
      break;
    case PageKind::kSection:
      name = "section";
      break;
    case PageKind::kPage:
      name = "page";
      break;
    case PageKind::kDepartments:
      name = "departments";
      break;
    case PageKind::kDepartment:
      name = "department";
      break;
    case PageKind::kRedirect:
      name = "redirect";
      break;
    case PageKind::kSiteMap:
      name = "sitemap";
      break;
    case PageKind::kNotFound:
      name = "404";
      break;
    case PageKind::kSearch:
      name = "search";
      break;
    case PageKind::kEnded:
      name = "ended";
      break;
  }
  if (const ThemeTemplate* found = theme.Find(name)) return found;
  name = page.kind == PageKind::kPage ? "page" : "section";
  return theme.Find(name);
}

// The names a template looks up, as kainjow's context finds them, but for a dotted name
// ("page.qr.svg") split in place: kainjow splits it with a new std::stringstream on every
// lookup, which took a twelfth of a build's time without the check.
class TemplateContext final : public mustache::basic_context<std::string> {
 public:
  explicit TemplateContext(const mustache::data* data) { push(data); }

  void push(const mustache::data* data) override { items_.insert(items_.begin(), data); }
  void pop() override { items_.erase(items_.begin()); }

  const mustache::data* get(const std::string& name) const override {
    if (name == ".") return items_.front();
    if (name.find('.') == std::string::npos) return get_partial(name);
    // As std::getline splits: "a..b" has an empty part, a final '.' adds none.
    std::vector<std::string> parts;
    for (size_t start = 0; start < name.size();) {
      const size_t dot = std::min(name.find('.', start), name.size());
      parts.emplace_back(name, start, dot - start);
      start = dot + 1;
    }
    for (const mustache::data* item : items_) {
      const mustache::data* found = item;
      for (const std::string& part : parts) {
        if (!(found = found->get(part))) break;
      }
      if (found) return found;
    }
    return nullptr;
  }

  const mustache::data* get_partial(const std::string& name) const override {
    for (const mustache::data* item : items_) {
      if (const mustache::data* found = item->get(name)) return found;
    }
    return nullptr;
  }

 private:
  std::vector<const mustache::data*> items_;  // the innermost first
};

// Each worker compiles the templates it uses once.
class TemplateCache {
 public:
  mustache::mustache& Get(const std::string& name, const ThemeTemplate& source) {
    auto it = compiled_.find(name);
    if (it == compiled_.end()) {
      it = compiled_.emplace(name, std::make_unique<mustache::mustache>(source.text)).first;
    }
    return *it->second;
  }

 private:
  std::map<std::string, std::unique_ptr<mustache::mustache>> compiled_;
};

}  // namespace

void RenderPages(const Site& site, const Theme& theme, const std::vector<int>& which, int jobs,
                 Diagnostics& diagnostics, const PageSink& sink) {
  const ContextBuilder builder(site, theme);
  std::vector<Diagnostics> page_diagnostics(which.size());
  std::vector<TemplateCache> caches(WorkerCount(which.size(), jobs));
  ParallelFor(which.size(), jobs, [&](size_t i, int worker) {
    const Page& page = site.page(which[i]);
    Diagnostics& found = page_diagnostics[i];
    std::string name;
    const ThemeTemplate* source = ChooseTemplate(page, theme, name, found);
    if (!source) return;
    mustache::data page_data = builder.PageData(page);
    RenderedPage rendered;
    std::vector<OutputFile>& files = rendered.files;  // the HTML goes first, once rendered
    if (page.kind != PageKind::kRedirect && page.kind != PageKind::kNotFound &&
        page.kind != PageKind::kEnded) {
      // The page's QR code: inline in the page, and as files beside it.
      const std::string url = site.QrUrl(page);
      Result<QrCode> code = EncodeQr(url, site.config().qr.screen_level);
      if (!code) {
        // The address is too long: the page's name (or slug) and folders make it.
        found.error(page.source ? page.source->slug_where : SourceLocation{site.config().file, 1, 1},
                    "the page's address is too long for a QR code (" +
                        std::to_string(url.size()) + " characters: " + ShortenText(url, 60) + ")",
                    "shorten its slug, file or folder names, or give it a short_url");
        return;
      }
      const std::string folder = ParentPath(page.output_file);
      const std::string& name_text = theme.Strings(page.language).at("qr_label");
      Result<std::string> png = QrPng(*code, site.config().qr.module_pixels);
      if (!png) {
        found.add(png.error());
        return;
      }
      const std::string path = QrSvgPath(*code);
      files.push_back({JoinPath(folder, "qr.svg"), QrSvg(*code, path, name_text, "qr-file"), ""});
      files.push_back({JoinPath(folder, "qr.png"), std::move(*png), ""});
      builder.AddQr(page_data, page, url, QrSvg(*code, path, name_text, "page-qr"));
      rendered.unread.push_back(path);
    }
    mustache::mustache& compiled = caches[worker].Get(name, *source);
    TemplateContext context(&builder.Shared(page.language));
    context.push(&page_data);
    files.insert(files.begin(), {page.output_file, compiled.render(context), ""});
    if (!compiled.is_valid()) {
      found.error({source->file, 0, 0},
                  "the template failed to render: " + compiled.error_message(),
                  "check the template's sections");
      return;
    }
    if (const mustache::data* data = page_data.get("page")) {
      if (const mustache::data* json_ld = data->get("json_ld"); json_ld && json_ld->is_string()) {
        rendered.unread.push_back(json_ld->string_value());
      }
    }
    rendered.template_file = source->file;
    sink(i, std::move(rendered));
  });
  for (const Diagnostics& found : page_diagnostics) diagnostics.append(found);
}

}  // namespace kiosk
