#!/usr/bin/env python3
"""Generate a synthetic kiosk site for benchmarks: make_site.py N OUT_DIR [--suffix]

N topics, each a page in zh-TW and in en (2N content pages), half FAQ pages (type faq) and
half service procedures (type sop, with the full SOP front matter of README.md), in nested
sections of ~300 pages each:

  faq/<topic>/                      ~150 FAQ topics (~300 pages) per folder
  services/<department>/<group>/    ~150 SOP topics (~300 pages) per folder

plus six departments in site.yaml and a few small forms under static/forms/.

The same content tree is read by kiosk and by Hugo (bench/hugo/): Hugo lowercases language
keys, so it does not recognise `name.zh-TW.md` as Chinese. The Chinese (default-language)
files therefore carry no language suffix (`name.md`, `_index.md`), which both tools read as
the default language, and the English files are `name.en.md`. `--suffix` writes
`name.zh-TW.md` instead (kiosk only; Hugo then misreads the Chinese pages).

The output depends only on N (and --suffix): every topic has its own seeded generator.
"""

import json
import os
import random
import shutil
import sys

TOPICS_PER_FOLDER = 150
MARK = ".bench-site"

DEPARTMENTS = [
    # id, zh name, en name, ext, zh location, en location
    ("secretariat", "秘書室", "Secretariat", "100", "本所 3 樓", "3rd floor"),
    ("civil", "民政課", "Civil Affairs Section", "200", "本所 1 樓", "1st floor"),
    ("social", "社會課", "Social Affairs Section", "300", "本所 1 樓", "1st floor"),
    ("military", "兵役課", "Military Service Section", "400", "本所 2 樓", "2nd floor"),
    ("economic", "經建課", "Economic Development Section", "500", "本所 2 樓", "2nd floor"),
    ("humanities", "人文課", "Culture and Education Section", "600", "本所 3 樓", "3rd floor"),
]

FAQ_FOLDERS = [
    ("household", "戶籍登記", "Household registration"),
    ("welfare", "社會福利", "Social welfare"),
    ("military", "兵役", "Military service"),
    ("funeral", "殯葬", "Funerals and burials"),
    ("disaster", "災害防救", "Disaster relief"),
    ("roads", "道路與路燈", "Roads and street lights"),
    ("culture", "藝文活動", "Culture and events"),
    ("mediation", "調解", "Mediation"),
]

# Common Traditional Chinese words of government service texts (the fixed vocabulary).
ZH_NOUNS = (
    "申請人 民眾 區公所 本所 戶政事務所 櫃檯 承辦人員 里長 里辦公處 家屬 役男 受託人 "
    "身分證 印章 戶口名簿 申請書 委託書 證明文件 影本 正本 規費 補助 津貼 救助金 "
    "低收入戶 中低收入戶 老人 兒童 身心障礙者 單親家庭 社區 活動中心 公園 道路 路燈 "
    "水溝 垃圾 颱風 豪雨 沙包 避難所 寺廟 市場 學校 圖書館 網站 電話 電子郵件 "
    "資料 文件 表格 期限 時間 地點 流程 結果 通知 公告 名單 系統 帳戶 存摺 "
    "戶籍謄本 死亡證明書 診斷證明 所得 財產 房屋 土地 租金 保險 醫療 照顧 服務"
).split()
ZH_VERBS = (
    "申請 辦理 填寫 檢附 攜帶 繳納 核對 審查 核定 通知 公告 查詢 更新 補正 送達 "
    "撥入 領取 預約 受理 協助 說明 確認 提供 登記 變更 註銷 報名 參加 維修 清理 "
    "評估 訪視 轉介 聯繫 洽詢 上傳 下載 列印 簽名 蓋章"
).split()
ZH_ADVS = "請 可 應 須 得 將 已 均 另 再 先 即 並 仍 亦 約 最多 至少 隨時 儘速 每年 每月 當日".split()
ZH_ADJS = "完整 必要 相關 正確 有效 最新 清楚 免費 線上 臨櫃 一般 特殊 緊急 主要 其他 全部".split()
ZH_LINKS = "並 或 及 以及 但 如 若 因 所以 如果 由於 經 依 於 向 自 至 後 前 時".split()
ZH_PLACES = "本所 1 樓 本所 2 樓 本所 3 樓 戶籍所在地 居住地 全國各區公所".split(" ")
ZH_PUNCT_MID = ["，", "，", "，", "、", "；"]

EN_WORDS = (
    "applicant resident office counter staff household registration card seal form "
    "document copy original fee allowance subsidy family child senior disability "
    "community centre park road street light drain typhoon shelter temple market school "
    "library website phone email record table deadline time place step result notice "
    "list account bank passbook certificate income property rent insurance care service "
    "apply submit bring pay check review approve notify publish update correct receive "
    "book help explain confirm provide register change cancel attend repair clean visit "
    "contact upload download print sign stamp within before after every each all other "
    "complete required valid current free online local special urgent main general"
).split()
EN_GLUE = "the a your our this that with for from to of at by in on and or".split()
EN_Q = ["How do I", "Can I", "Where can I", "When should I", "What do I need to", "Who can",
        "Do I have to", "How long does it take to", "Is there a fee to", "Why must I"]


class Text:
    """Deterministic pseudo-random text of one topic."""

    def __init__(self, seed):
        self.r = random.Random(seed)

    # --- Chinese -------------------------------------------------------------------------
    def zh_clause(self):
        r = self.r
        parts = []
        if r.random() < 0.4:
            parts.append(r.choice(ZH_LINKS))
        parts.append(r.choice(ZH_NOUNS))
        if r.random() < 0.6:
            parts.append(r.choice(ZH_ADVS))
        parts.append(r.choice(ZH_VERBS))
        if r.random() < 0.5:
            parts.append(r.choice(ZH_ADJS) + "的")
        parts.append(r.choice(ZH_NOUNS))
        if r.random() < 0.25:
            parts.append(f" {r.randint(1, 30)} {r.choice(['日', '天', '個工作天', '元', '張', '份'])}")
        return "".join(parts)

    def zh_sentence(self, end="。"):
        n = self.r.randint(2, 4)
        s = self.zh_clause()
        for _ in range(n - 1):
            s += self.r.choice(ZH_PUNCT_MID) + self.zh_clause()
        return s + end

    def zh_paragraph(self, sentences):
        # Lines broken between Chinese characters, the way staff write (CJK line breaks).
        out = [self.zh_sentence() for _ in range(sentences)]
        lines, line = [], ""
        for s in out:
            line += s
            if len(line) > 40:
                lines.append(line)
                line = ""
        if line:
            lines.append(line)
        return "\n".join(lines)

    def zh_title(self):
        return self.r.choice(ZH_NOUNS) + self.r.choice(ZH_VERBS) + self.r.choice(ZH_NOUNS)

    def zh_question(self):
        r = self.r
        forms = [
            lambda: f"{r.choice(ZH_NOUNS)}要怎麼{r.choice(ZH_VERBS)}？",
            lambda: f"{r.choice(ZH_VERBS)}{r.choice(ZH_NOUNS)}需要帶什麼？",
            lambda: f"哪些{r.choice(ZH_NOUNS)}可以{r.choice(ZH_VERBS)}{r.choice(ZH_NOUNS)}？",
            lambda: f"{r.choice(ZH_NOUNS)}多久可以{r.choice(ZH_VERBS)}？",
            lambda: f"{r.choice(ZH_VERBS)}{r.choice(ZH_NOUNS)}要繳費嗎？",
        ]
        return r.choice(forms)()

    # --- English -------------------------------------------------------------------------
    def en_sentence(self):
        r = self.r
        n = r.randint(9, 18)
        words = []
        for i in range(n):
            words.append(r.choice(EN_GLUE) if i % 3 == 1 else r.choice(EN_WORDS))
        if r.random() < 0.3:
            words.insert(r.randint(1, len(words) - 1), str(r.randint(2, 30)))
        if r.random() < 0.4:
            words[r.randint(2, len(words) - 2)] += ","
        s = " ".join(words)
        return s[0].upper() + s[1:] + "."

    def en_paragraph(self, sentences):
        return " ".join(self.en_sentence() for _ in range(sentences))

    def en_title(self):
        w = [self.r.choice(EN_WORDS) for _ in range(3)]
        return " ".join(w).capitalize()

    def en_question(self):
        r = self.r
        return f"{r.choice(EN_Q)} {r.choice(EN_WORDS)} {r.choice(EN_GLUE)} {r.choice(EN_WORDS)}?"

    # --- shared --------------------------------------------------------------------------
    def table(self, zh):
        r = self.r
        cols = r.randint(3, 4)
        rows = r.randint(3, 6)
        if zh:
            head = ["項目", "說明", "費用", "辦理時限"][:cols]
            cell = lambda: r.choice([r.choice(ZH_NOUNS) + r.choice(ZH_VERBS),
                                      f"新臺幣 {r.randint(1, 50) * 10} 元",
                                      f"{r.randint(1, 14)} 個工作天",
                                      r.choice(ZH_ADJS) + r.choice(ZH_NOUNS)])
        else:
            head = ["Item", "Details", "Fee", "Time"][:cols]
            cell = lambda: r.choice([f"{r.choice(EN_WORDS)} {r.choice(EN_WORDS)}",
                                      f"NT${r.randint(1, 50) * 10}",
                                      f"{r.randint(1, 14)} working days"])
        lines = []
        if r.random() < 0.5:
            lines += [("表：" if zh else "Table: ") + (self.zh_title() if zh else self.en_title()), ""]
        lines.append("| " + " | ".join(head) + " |")
        lines.append("|" + " --- |" * cols)
        for _ in range(rows):
            lines.append("| " + " | ".join(cell() for _ in range(cols)) + " |")
        return "\n".join(lines)


def q(s):
    """A YAML scalar: JSON strings are valid YAML, and Chinese stays readable."""
    return json.dumps(s, ensure_ascii=False)


def date_of(i, later=0):
    import datetime
    d = datetime.date(2023, 1, 1) + datetime.timedelta(days=(i * 37) % 1200 + later)
    return d.isoformat()


def front_matter(pairs):
    out = ["---"]
    for k, v in pairs:
        if v is None:
            continue
        if isinstance(v, str) and k not in ("date", "updated"):
            out.append(f"{k}: {q(v)}")
        else:
            out.append(f"{k}: {v}")
    return out


# --- page writers ------------------------------------------------------------------------

def faq_page(i, zh, slug, dept):
    t = Text(i * 7919 + (1 if zh else 2))
    r = t.r
    title = (t.zh_title() + "常見問題") if zh else (t.en_title() + " FAQ")
    desc = t.zh_sentence() if zh else t.en_sentence()
    lines = front_matter([
        ("title", title),
        ("description", desc),
        ("type", "faq"),
        ("department", dept),
        ("date", date_of(i)),
        ("updated", date_of(i, 40)),
        ("weight", r.randint(1, 50) if r.random() < 0.3 else None),
    ])
    lines += ["---", ""]
    nq = r.randint(4, 6)
    table_at = r.randrange(nq) if r.random() < 0.35 else -1
    for k in range(nq):
        head = t.zh_question() if zh else t.en_question()
        if r.random() < 0.2:
            head += f" {{#q{k + 1}}}"
        lines += [f"## {head}", ""]
        lines += [t.zh_paragraph(r.randint(1, 3)) if zh else t.en_paragraph(r.randint(1, 3)), ""]
        if r.random() < 0.7:
            for _ in range(r.randint(2, 4)):
                lines.append("- " + (t.zh_clause() if zh else t.en_sentence()))
            lines.append("")
        if k == table_at:
            lines += [t.table(zh), ""]
    return "\n".join(lines)


def sop_page(i, zh, slug, dept, forms):
    t = Text(i * 7919 + (1 if zh else 2))
    r = t.r
    d = next(x for x in DEPARTMENTS if x[0] == dept)
    title = (t.zh_title() + "申請") if zh else ("Applying for " + t.en_title().lower())
    lines = front_matter([
        ("title", title),
        ("description", t.zh_sentence() if zh else t.en_sentence()),
        ("type", "sop"),
        ("department", dept),
        ("date", date_of(i)),
        ("updated", date_of(i, 40)),
        ("weight", r.randint(1, 50) if r.random() < 0.3 else None),
        ("processing_time", f"{r.randint(1, 14)} 個工作天" if zh else f"{r.randint(1, 14)} working days"),
        ("fee", f"每件新臺幣 {r.randint(0, 30) * 10} 元" if zh else f"NT${r.randint(0, 30) * 10} per application"),
        ("eligibility", t.zh_sentence() if zh else t.en_sentence()),
    ])
    lines.append("apply_at:")
    lines.append(f"  counter: {q((d[4] + d[1] + '櫃檯') if zh else (d[2] + ', ' + d[5]))}")
    if r.random() < 0.5:
        lines.append(f"  online: {q(f'https://www.example.gov.tw/apply/{slug}')}")
    lines.append("legal_basis:")
    for k in range(r.randint(1, 3)):
        name = (t.r.choice(ZH_NOUNS) + f"法第 {r.randint(1, 80)} 條") if zh else \
            f"{t.en_title()} Act, Article {r.randint(1, 80)}"
        lines.append(f"  - name: {q(name)}")
        if r.random() < 0.6:
            lines.append(f"    url: {q(f'https://law.example.gov.tw/{slug}-{k}')}")
    lines.append("documents:")
    for _ in range(r.randint(2, 5)):
        name = (r.choice(ZH_NOUNS) + r.choice(["正本", "影本", "證明", ""])) if zh else \
            f"{r.choice(EN_WORDS)} {r.choice(EN_WORDS)}".capitalize()
        lines.append(f"  - name: {q(name)}")
        lines.append(f"    copies: {r.randint(1, 3)}")
        lines.append(f"    original: {'true' if r.random() < 0.6 else 'false'}")
        if r.random() < 0.4:
            lines.append(f"    note: {q(t.zh_clause() if zh else t.en_sentence())}")
    lines.append("forms:")
    for f in r.sample(forms, r.randint(1, 2)):
        lines.append(f"  - title: {q(f[1] if zh else f[2])}")
        lines.append(f"    file: forms/{f[0]}.pdf")
        lines.append(f"    alternatives: [forms/{f[0]}.odt]")
        if r.random() < 0.5:
            lines.append(f"    example: forms/{f[0]}-example.pdf")
    lines.append("contact:")
    lines.append(f"  name: {q((d[1] + ' 承辦人') if zh else (d[2] + ', case officer'))}")
    lines.append(f"  phone: {q(f'(09) 9123-4567 #{int(d[3]) + r.randint(1, 30)}')}")
    lines.append(f"  email: {q(dept + '@office.example.gov.tw')}")
    lines.append("steps:")
    for _ in range(r.randint(3, 6)):
        who = r.choice(["申請人", "櫃檯人員", "承辦人員", "里長"]) if zh else \
            r.choice(["Applicant", "Counter staff", "Case officer", "Borough chief"])
        lines.append(f"  - who: {q(who)}")
        lines.append(f"    what: {q(t.zh_sentence() if zh else t.en_sentence())}")
        if r.random() < 0.7:
            lines.append(f"    time: {q(f'{r.randint(1, 30)} 分鐘' if zh else f'{r.randint(1, 30)} minutes')}")
    lines += ["---", ""]
    lines += [t.zh_paragraph(r.randint(2, 3)) if zh else t.en_paragraph(r.randint(2, 4)), ""]
    if r.random() < 0.35:
        lines += [t.table(zh), ""]
    lines += [t.zh_paragraph(1) if zh else t.en_paragraph(2), ""]
    return "\n".join(lines)


def index_page(title, desc, body, weight=None, type_=None):
    lines = front_matter([("title", title), ("description", desc), ("weight", weight),
                          ("type", type_)])
    lines += ["---", "", body, ""]
    return "\n".join(lines)


SITE_YAML_HEAD = """\
# Generated by bench/make_site.py (synthetic benchmark site).
base_url: https://bench.example.gov.tw/
languages:
  - code: zh-TW
    name: 中文
    title: 範例市測試區公所
  - code: en
    name: English
    title: Test District Office, Example City
office:
  name: {{ zh-TW: 範例市測試區公所, en: Test District Office }}
  address:
    zh-TW: 999099 範例市測試區溪濱路一段 100 號
    en: No. 100, Sec. 1, Xibin Rd., Test Dist., Example City 999099, Taiwan
  phone: "(09) 9123-4567"
  fax: "(09) 9123-4500"
  hours: {{ zh-TW: 週一至週五 08:30–17:30, en: "Monday to Friday, 08:30–17:30" }}
  email: service@office.example.gov.tw
departments:
{departments}
markdown:
  unsafe_html: false
home:
  latest: 6
"""


def main(argv):
    args = [a for a in argv[1:] if not a.startswith("--")]
    flags = {a for a in argv[1:] if a.startswith("--")}
    if len(args) != 2 or not args[0].isdigit() or flags - {"--suffix"}:
        print(__doc__.strip().splitlines()[0], file=sys.stderr)
        return 2
    n = int(args[0])
    out = args[1]
    zh_suffix = ".zh-TW" if "--suffix" in flags else ""

    if os.path.exists(out) and os.listdir(out):
        if not os.path.exists(os.path.join(out, MARK)):
            print(f"make_site.py: {out} is not empty and was not made by make_site.py; "
                  "refusing to overwrite", file=sys.stderr)
            return 1
        for sub in ("content", "static"):
            shutil.rmtree(os.path.join(out, sub), ignore_errors=True)
    os.makedirs(out, exist_ok=True)
    with open(os.path.join(out, MARK), "w") as f:
        f.write(f"{n}\n")

    written = 0

    def write(rel, text):
        nonlocal written
        path = os.path.join(out, rel)
        os.makedirs(os.path.dirname(path), exist_ok=True)
        with open(path, "w", encoding="utf-8") as f:
            f.write(text)
        written += 1

    # site.yaml
    deps = []
    for did, zn, en, ext, zl, el in DEPARTMENTS:
        deps.append(f"  - id: {did}\n    name: {{ zh-TW: {zn}, en: {en} }}\n"
                    f"    phone: \"(09) 9123-4567 #{ext}\"\n"
                    f"    location: {{ zh-TW: {zl}, en: {el} }}\n"
                    f"    email: {did}@office.example.gov.tw")
    write("site.yaml", SITE_YAML_HEAD.format(departments="\n".join(deps)))

    # forms: small files, each form in PDF and ODT with a filled-in example
    forms = [
        ("general-application", "一般申請書", "General application form"),
        ("power-of-attorney", "委託書", "Power of attorney"),
        ("subsidy-application", "補助申請書", "Subsidy application form"),
        ("venue-booking", "場地借用申請表", "Venue booking form"),
    ]
    for slug, zt, et in forms:
        for suffix in (".pdf", "-example.pdf"):
            write(f"static/forms/{slug}{suffix}",
                  "%PDF-1.4\n% synthetic benchmark form: " + et + "\n" + "0" * 2000 + "\n%%EOF\n")
        write(f"static/forms/{slug}.odt", "synthetic benchmark form (ODT): " + et + "\n" + "0" * 1500)

    def both(rel_noext, zh_text, en_text):
        write(rel_noext + zh_suffix + ".md", zh_text)
        write(rel_noext + ".en.md", en_text)

    # home and top-level sections
    home = Text(1)
    both("content/_index",
         index_page("範例市測試區公所", "測試區公所全球資訊網，提供各項便民服務資訊。", home.zh_paragraph(3)),
         index_page("Test District Office", "Services and answers of the Test District Office.",
                    home.en_paragraph(3)))
    s = Text(2)
    both("content/faq/_index",
         index_page("常見問題", "各項業務的常見問題與解答。", s.zh_paragraph(2), 2, "faq"),
         index_page("FAQ", "Answers to common questions.", s.en_paragraph(2), 2, "faq"))
    both("content/services/_index",
         index_page("便民服務", "各項申辦業務的應備文件、辦理時限與流程。", s.zh_paragraph(2), 1, "sop"),
         index_page("Services", "Documents, fees and steps of every service.", s.en_paragraph(2), 1, "sop"))

    n_faq = (n + 1) // 2
    n_sop = n - n_faq
    made_folders = set()
    dept_ids = [d[0] for d in DEPARTMENTS]

    def folder(rel, zh_title, en_title, type_, weight):
        if rel in made_folders:
            return
        made_folders.add(rel)
        ft = Text(hash_str(rel))
        both(f"content/{rel}/_index",
             index_page(zh_title, zh_title + "相關問題與服務。", ft.zh_paragraph(1), weight, type_),
             index_page(en_title, f"{en_title}: questions and services.", ft.en_paragraph(1), weight, type_))

    for i in range(n):
        if i % 2 == 0:  # FAQ
            k = i // 2
            leaf = k // TOPICS_PER_FOLDER
            base, zt, et = FAQ_FOLDERS[leaf % len(FAQ_FOLDERS)]
            rnd = leaf // len(FAQ_FOLDERS)
            name = base if rnd == 0 else f"{base}-{rnd + 1}"
            rel = f"faq/{name}"
            folder(rel, zt if rnd == 0 else f"{zt}（{rnd + 1}）",
                   et if rnd == 0 else f"{et} ({rnd + 1})", "faq", leaf + 1)
            dept = dept_ids[Text(i).r.randrange(len(dept_ids))]
            slug = f"faq-{i:06d}"
            both(f"content/{rel}/{slug}", faq_page(i, True, slug, dept), faq_page(i, False, slug, dept))
        else:  # SOP
            k = i // 2
            leaf = k // TOPICS_PER_FOLDER
            d = DEPARTMENTS[leaf % len(DEPARTMENTS)]
            group = leaf // len(DEPARTMENTS) + 1
            folder(f"services/{d[0]}", d[1] + "業務", d[2], "sop", leaf % len(DEPARTMENTS) + 1)
            rel = f"services/{d[0]}/group-{group}"
            folder(rel, f"{d[1]}第 {group} 類業務", f"{d[2]}, group {group}", "sop", group)
            slug = f"service-{i:06d}"
            both(f"content/{rel}/{slug}", sop_page(i, True, slug, d[0], forms),
                 sop_page(i, False, slug, d[0], forms))

    print(f"make_site.py: {n} topics ({n_faq} FAQ, {n_sop} SOP) = {2 * n} content pages, "
          f"{len(made_folders) + 2} sections, {written} files written into {out}")
    return 0


def hash_str(s):
    # A stable hash (Python's hash() of str is salted per process).
    h = 0
    for ch in s.encode():
        h = (h * 131 + ch) % (1 << 61)
    return h


if __name__ == "__main__":
    sys.exit(main(sys.argv))
