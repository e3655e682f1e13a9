#include "render/page_renderer.h"

#include <kainjow/mustache.hpp>
#include <map>
#include <memory>
#include <optional>

#include "base/parallel.h"
#include "base/text.h"

namespace kiosk {

namespace mustache = kainjow::mustache;

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

mustache::data ToData(const Value& value) {
  switch (value.kind) {
    case Value::Kind::kNull:
      return mustache::data(false);
    case Value::Kind::kScalar:
      if (const auto flag = value.AsBool()) return mustache::data(*flag);
      return mustache::data(value.scalar);
    case Value::Kind::kList: {
      mustache::data list(mustache::data::type::list);
      for (const Value& item : value.items) list.push_back(ToData(item));
      return list;
    }
    case Value::Kind::kMap: {
      mustache::data object;
      for (const Value::Entry& entry : value.entries) object.set(entry.key, ToData(entry.value));
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
    current.set("is_home", page.kind == PageKind::kHome);
    current.set("is_section", page.kind == PageKind::kSection);
    current.set("is_page", page.kind == PageKind::kPage);
    current.set("permalink", site_.Permalink(page));
    if (page.source) {
      current.set("content", page.source->body.html);
      current.set("params", ToData(page.source->front_matter));
      current.set("type", page.source->type);
      mustache::data toc(mustache::data::type::list);
      for (const Heading& heading : page.source->body.headings) {
        if (heading.level != 2) continue;
        mustache::data item;
        item.set("id", heading.id);
        item.set("text", heading.text);
        toc.push_back(item);
      }
      current.set("toc", toc);
      current.set("has_toc", page.source->body.headings.size() >= 2);
      if (!page.source->department.empty()) {
        current.set("department",
                    Department(*config.FindDepartment(page.source->department), page.language));
      }
    }
    if (page.parent >= 0) current.set("section", Summary(site_.page(page.parent)));

    mustache::data breadcrumbs(mustache::data::type::list);
    std::vector<int> chain;
    for (int at = page.parent; at >= 0; at = site_.page(at).parent) chain.push_back(at);
    for (auto it = chain.rbegin(); it != chain.rend(); ++it) {
      breadcrumbs.push_back(Link(site_.page(*it)));
    }
    current.set("breadcrumbs", breadcrumbs);

    current.set("pages", List(page.children));
    current.set("has_pages", !page.children.empty());
    current.set("subsections", List(page.subsections));
    current.set("has_subsections", !page.subsections.empty());
    if (page.kind == PageKind::kHome) {
      const std::vector<int> latest = site_.Latest(page.language, config.home_latest);
      current.set("latest", List(latest));
      current.set("has_latest", !latest.empty());
    }
    data.set("page", current);

    // The menu: top-level sections, marking the one this page is in.
    const Page& home = site_.page(site_.home(page.language));
    const std::string top = page.section.substr(0, page.section.find('/'));
    mustache::data menu(mustache::data::type::list);
    for (int index : home.subsections) {
      mustache::data item = Link(site_.page(index));
      item.set("current", !top.empty() && site_.page(index).section == top);
      menu.push_back(item);
    }
    data.set("menu", menu);
    // Pages at the top of content/ (accessibility statement, privacy policy …) are linked
    // from every footer.
    data.set("footer_pages", List(home.children));
    data.set("has_footer_pages", !home.children.empty());

    // Translations: alternates for the head, a switcher link for each other language.
    mustache::data alternates(mustache::data::type::list);
    mustache::data switcher(mustache::data::type::list);
    for (const Language& language : config.languages) {
      const auto translated = page.translations.find(language.code);
      if (translated != page.translations.end()) {
        mustache::data alternate;
        alternate.set("hreflang", language.html_lang);
        alternate.set("href", site_.Permalink(site_.page(translated->second)));
        alternates.push_back(alternate);
      }
      if (language.code == page.language) continue;
      mustache::data link;
      link.set("lang", language.html_lang);
      link.set("name", language.name);
      if (translated != page.translations.end()) {
        link.set("url", site_.Url(site_.page(translated->second)));
        link.set("translated", true);
      } else {
        // No translation: lead to the same section in the other language.
        int fallback = site_.section(language.code, page.section);
        if (fallback < 0) fallback = site_.home(language.code);
        link.set("url", site_.Url(site_.page(fallback)));
        link.set("translated", false);
        link.set("not_translated", theme_.Strings(language.code).count("not_translated")
                                       ? theme_.Strings(language.code).at("not_translated")
                                       : std::string());
      }
      switcher.push_back(link);
    }
    data.set("alternates", alternates);
    data.set("switcher", switcher);
    return data;
  }

 private:
  mustache::data SharedData(const Language& language) const {
    const SiteConfig& config = site_.config();
    mustache::data site;
    site.set("title", language.title);
    site.set("base_url", config.base_url);
    site.set("base_path", config.base_path);
    site.set("generator", std::string("kiosk ") + KIOSK_VERSION);
    mustache::data lang;
    lang.set("code", language.code);
    lang.set("html_lang", language.html_lang);
    lang.set("name", language.name);
    site.set("language", lang);
    site.set("home_url", site_.Url(site_.page(site_.home(language.code))));

    const Office& office = config.office;
    mustache::data office_data;
    office_data.set("name", office.name.Get(language.code));
    office_data.set("address", office.address.Get(language.code));
    office_data.set("hours", office.hours.Get(language.code));
    office_data.set("phone", office.phone);
    office_data.set("phone_uri", PhoneUri(office.phone));
    office_data.set("fax", office.fax);
    office_data.set("email", office.email);
    site.set("office", office_data);

    mustache::data departments(mustache::data::type::list);
    for (const kiosk::Department& department : config.departments) {
      departments.push_back(Department(department, language.code));
    }
    site.set("departments", departments);

    mustache::data data;
    data.set("site", site);
    mustache::data strings;
    for (const auto& [key, text] : theme_.Strings(language.code)) strings.set(key, text);
    data.set("i18n", strings);
    return data;
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
    data.set("id", department.id);
    data.set("name", department.name.Get(language));
    data.set("location", department.location.Get(language));
    data.set("phone", department.phone);
    data.set("phone_uri", PhoneUri(department.phone));
    data.set("email", department.email);
    return data;
  }

  mustache::data Link(const Page& page) const {
    mustache::data link;
    link.set("title", page.title);
    link.set("url", site_.Url(page));
    link.set("is_home", page.kind == PageKind::kHome);
    return link;
  }

  std::optional<mustache::data> DateData(const std::optional<Date>& date,
                                         const std::string& language) const {
    if (!date) return std::nullopt;
    const auto& strings = theme_.Strings(language);
    const auto pattern = strings.find("date_format");
    const auto months = strings.find("month_names");
    mustache::data data;
    data.set("iso", date->iso);
    data.set("text",
             FormatDate(*date, pattern == strings.end() ? "{yyyy}-{mm}-{dd}" : pattern->second,
                        months == strings.end() ? "" : months->second));
    return data;
  }

  // What listings show of a page.
  mustache::data Summary(const Page& page) const {
    mustache::data summary = Link(page);
    summary.set("description", page.source ? page.source->description : std::string());
    for (auto [key, date] : {std::pair{"date", page.date()},
                             {"updated", page.updated()},
                             {"last_updated", page.last_updated()}}) {
      if (auto data = DateData(date, page.language)) summary.set(key, *data);
    }
    if (page.parent >= 0) summary.set("section_title", site_.page(page.parent).title);
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
  name = page.kind == PageKind::kHome      ? "home"
         : page.kind == PageKind::kSection ? "section"
                                           : "page";
  return theme.Find(name);
}

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

std::vector<OutputFile> RenderPages(const Site& site, const Theme& theme, int jobs,
                                    Diagnostics& diagnostics) {
  const ContextBuilder builder(site, theme);
  const std::vector<Page>& pages = site.pages();
  std::vector<OutputFile> outputs(pages.size());
  std::vector<Diagnostics> page_diagnostics(pages.size());
  std::vector<TemplateCache> caches(WorkerCount(pages.size(), jobs));
  ParallelFor(pages.size(), jobs, [&](size_t i, int worker) {
    const Page& page = pages[i];
    std::string name;
    const ThemeTemplate* source = ChooseTemplate(page, theme, name, page_diagnostics[i]);
    if (!source) return;
    mustache::mustache& compiled = caches[worker].Get(name, *source);
    const mustache::data page_data = builder.PageData(page);
    mustache::context<std::string> context(&builder.Shared(page.language));
    context.push(&page_data);
    outputs[i].path = page.output_file;
    outputs[i].contents = compiled.render(context);
    if (!compiled.is_valid()) {
      page_diagnostics[i].error({source->file, 0, 0},
                                "the template failed to render: " + compiled.error_message(),
                                "check the template's sections");
    }
  });
  for (const Diagnostics& found : page_diagnostics) diagnostics.append(found);
  return outputs;
}

}  // namespace kiosk
