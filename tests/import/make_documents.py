#!/usr/bin/python3
"""Makes the test documents of `kiosk import` in tests/import/documents/, in both formats,
and each again as LibreOffice saves it in the other format (documents/libreoffice/).

Run it again after changing it, then review the documents and the golden pages
(KIOSK_UPDATE_GOLDEN=1 build/tests/kiosk_tests --gtest_filter='Import*'). It needs Debian's
python3-docx and python3-odf (apt-get install python3-docx python3-odf), which the build and
the tests do not: the documents are committed.

The documents are made from plans that offices published (the 110 service plan of Kaohsiung's
Central Resource Recycling Plant and the 107 plan of Gangshan District Office), and a household
transcript SOP. Each holds what an office's real document holds and the importer must keep or
drop: a title in the document's properties and in the Title style, page headers and footers with
page numbers, footnotes, tracked changes (an insertion kept, a deletion dropped), a comment,
hidden text, empty paragraphs and letter-spaced headings, numbered lists that go on after an
indented paragraph or a plain one, merged cells in several columns (rows and columns), repeated
header rows, lists and line breaks in cells, and pictures with and without a description.
Beside them, the bad inputs: not a zip, a zip of something else, encrypted documents, old
binary .doc and .wps, a truncated file, a zip bomb, an XML entity bomb, `..` entry names.
"""

import copy
import io
import os
import shutil
import struct
import subprocess
import sys
import zipfile
import zlib

import docx
from docx.enum.text import WD_BREAK
from docx.opc.constants import RELATIONSHIP_TYPE as RT
from docx.opc.packuri import PackURI
from docx.opc.part import Part
from docx.oxml import parse_xml
from docx.oxml.ns import nsdecls, qn
from docx.shared import Cm

from odf import dc, draw, office, svg, table, text
from odf.opendocument import OpenDocumentText
from odf.style import (FontFace, Footer, Header, ListLevelProperties, MasterPage, PageLayout,
                       PageLayoutProperties, ParagraphProperties, Style, TableColumnProperties,
                       TextProperties)

HERE = os.path.dirname(os.path.abspath(__file__))
OUT = os.path.join(HERE, "documents")

# --- The documents' content, format-neutral -------------------------------------------------
#
# A block is one of
#   ("title", text)                      the Title style
#   ("heading", level, text)             Heading N style (docx) / text:h (odt)
#   ("numbered-heading", text)           Heading 1 numbered 壹、貳、 by the document
#   ("para", runs[, indent_cm])          runs: str, or (text, {bold, italic, link, footnote,
#                                        hidden, inserted, deleted, comment, field, break})
#   ("list", kind, items[, continues])   kind: "decimal", "chinese" (一、 and (1) below),
#                                        "bullet"; items: (level, runs); continues: go on
#                                        counting where the last list of that kind stopped
#   ("table", spec)                      see the tables below
#   ("image", name, description)         a PNG made here, with or without a description
#   ("empty",)                           an empty paragraph (spacing)


def png(width, height, seed):
    """A small grey PNG with a pattern, made without any imaging library."""
    rows = b""
    for y in range(height):
        rows += b"\x00" + bytes(((x * seed + y * 7) % 200) + 40 for x in range(width))
    def chunk(kind, data):
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))
    return (b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", struct.pack(">IIBBBBB", width, height, 8, 0, 0, 0, 0))
            + chunk(b"IDAT", zlib.compress(rows)) + chunk(b"IEND", b""))


def flow_png():
    """Four boxes joined by arrows: the plan's four steps, drawn without any imaging library."""
    width, height = 240, 48
    pixels = [[255] * width for _ in range(height)]
    for box in range(4):
        left = 6 + box * 60
        for x in range(left, left + 40):
            for y in (8, 39):
                pixels[y][x] = 40
        for y in range(8, 40):
            for x in (left, left + 39):
                pixels[y][x] = 40
        if box < 3:
            for x in range(left + 42, left + 58):
                pixels[24][x] = 40
            for d in range(1, 5):
                pixels[24 - d][left + 57 - d] = pixels[24 + d][left + 57 - d] = 40
    rows = b"".join(b"\x00" + bytes(row) for row in pixels)
    def chunk(kind, data):
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))
    return (b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", struct.pack(">IIBBBBB", width, height, 8, 0, 0, 0, 0))
            + chunk(b"IDAT", zlib.compress(rows)) + chunk(b"IEND", b""))


IMAGES = {"flow": flow_png(), "photo": png(32, 32, 5)}


def cell(content, rowspan=1, colspan=1):
    """A table cell: content is a str (newlines are line breaks) or a list of blocks."""
    return {"content": content, "rowspan": rowspan, "colspan": colspan}


COVERED = None

# 110 年度提升服務工作計畫, 高雄市政府環境保護局中區資源回收廠 (seed 002): 肆、計畫內容.
RECYCLING_TABLE = {
    "caption": "肆、計畫內容",
    "columns": [3.2, 4.2, 6.4, 2.2],
    "header": [[cell("工 作 要 項", colspan=2), COVERED, cell("工作重點"), cell("業務單位")]],
    "repeat_header": True,
    "rows": [
        [cell("訂定「提升服務計畫」"), cell("訂定機關年度提升服務計畫，具體規劃為民服務工作。"),
         cell("依據「政府服務躍升方案」及「高雄市政府提升服務實施計畫」訂定本廠工作計畫，公布於機關網站。"), cell("總務室")],
        [cell("一、完備基礎服務項目，注重服務特性差異化", rowspan=4),
         cell("(一)建立業務標準作業流程，維持服務措施處理一致性；確保資訊提供、問題回應或申辦案件處理的正確性，並適時檢討改進流程與作業方式。"),
         cell([("list", "decimal", [(0, "各項申辦案件皆由專責人員受理，維持服務措施處理一致性及正確性。"),
                                    (0, "建立申辦業務標準作業流程。"),
                                    (0, "提升接話人員專業能力，避免民眾多次洽詢。")])]),
         cell("各組室")],
        [COVERED, cell("(二)提供民眾易讀、易懂、易用的服務申辦資訊及進度查詢管道，提升服務流程透明度。"),
         cell([("list", "decimal", [(0, "設置各業務申辦流程及表單下載，並公開機關網站。"),
                                    (0, "於機關網站設置「常見問題集」(FAQ)，並不定期更新。"),
                                    (0, "主動提供申辦結果訊息。")])]),
         cell("各組室")],
        [COVERED, cell("(三)注重服務人員的禮貌態度，提高民眾臨櫃洽公或網站使用的便利性，建置合宜的服務環境。"),
         cell([("list", "decimal", [(0, "主動詢問、引導民眾洽辦事項，適時提供諮詢服務。"),
                                    (0, "注重服務人員提供服務時的態度、禮儀及專業知識，確保服務人員能親切、主動提供服務。"),
                                    (0, "辦理電話服務品質及禮貌測試。"),
                                    (0, "友善洽公環境"),
                                    (1, "營造優質洽公環境。"),
                                    (1, "設置各樓層空間標示牌及各承辦人員名牌。")])]),
         cell("各組室")],
        [COVERED, cell("(四)因應業務屬性及其服務特性差異，汲取創新趨勢，投入品質改善，發展優質服務。"),
         cell("鼓勵提出業務創新或革新措施，並考量其可行性據以推動，以提升服務品質。"), cell("各組室")],
        [cell("二、重視全程意見回饋及參與，力求服務切合民眾需求", rowspan=4),
         cell("(一)納入民眾參與服務設計或邀請民間協力合作，提供符合民眾需求的服務。"),
         cell("建置首長信箱及機關Facebook（臉書）粉絲專頁，提高公民參與的深度與廣度。"), cell("各組室", rowspan=2)],
        [COVERED, cell("(二)善用各類意見調查工具與機制，蒐集民眾對服務的需求或建議，適予調整服務措施。"),
         cell([("list", "decimal", [(0, "透過高雄市政府線上即時服務系統及本廠首長信箱了解民眾的需求與建議。"),
                                    (0, "設計問卷提供到廠民眾填寫，以瞭解民眾對服務措施的感受。")])]),
         COVERED],
        [COVERED, cell("(三)依據服務特性辦理滿意度調查，瞭解民眾對服務的看法，並據以檢討改善既有措施。"),
         cell("每年辦理滿意度調查，依調查結果進行改善。"), cell("總務室")],
        [COVERED, cell("(四)傾聽民眾意見，積極回應，有效協助民眾解決問題。"),
         cell([("list", "decimal", [(0, "提供民眾表達意見之多元管道。"),
                                    (0, "積極回應民眾陳情及建議，秉持客觀、公平、正確之原則即時處理。")])]),
         cell("各組室")],
        [cell("三、便捷服務遞送過程與方式，提升民眾生活便利度", rowspan=4),
         cell("(一)擴大單一窗口業務涵蓋範疇，減除申辦案件所需檢附之書表謄本，提高業務申辦便捷度。"),
         cell([("list", "decimal", [(0, "各項申辦業務由專責窗口受理，民眾無需多方洽詢。"),
                                    (0, "申辦案件所需檢附之書表公告於機關網站，同樣文件以一份為原則。")])]),
         cell("各組室")],
        [COVERED, cell("(二)衡酌實際需求，開發線上申辦及跨平台通用服務，增加民眾使用意願。"),
         cell("建置 QR Code，提供民眾使用智慧型手機或平板電腦等裝置瀏覽相關影片或資訊。"), cell("總務室")],
        [COVERED, cell("(三)推動跨單位、跨機關服務流程整合及政府資訊資源共用共享，提供全程整合服務。"),
         cell("與環保局建立共同夥伴關係，一起推展環境教育業務，彼此互相交流，共享資源。"), cell("總務室")],
        [COVERED, cell("(四)關注社經發展新趨勢，運用創新策略，持續精進服務遞送過程及作法，提升服務效能。"),
         cell("設置民眾協助監督營運專區，提供即時現場畫面。"), cell("各組室")],
        [cell("四、關懷多元對象及城鄉差距，促進社會資源公平使用", rowspan=3),
         cell("(一)體認服務對象屬性差異，對特殊或弱勢族群提供適性服務，降低其取得服務的成本。"),
         cell([("list", "decimal", [(0, "無障礙設施"),
                                    (1, "設置無障礙專用斜坡道、廁所、停車格。"),
                                    (1, "電梯內設有操作點字。"),
                                    (1, "導盲專用道。"),
                                    (0, "無障礙網路空間服務：\n機關網站取得無障礙網站 1A 等級標章。")])]),
         cell("各組室")],
        [COVERED, cell("(二)搭配複合策略，延伸服務據點，提高偏遠或交通不便地區民眾的服務可近性。"),
         cell("考量遠距民眾需求，於機關網站提供詳細服務資訊，民眾可以電話洽詢或郵寄方式申辦服務。"), cell("各組室")],
        [COVERED, cell("(三)考量服務對象數位落差，發展網路服務或輔以其他方式，提供可替代的服務管道。"),
         cell("善用在地社會資源及各種管道如：里長辦公室、網站、跑馬燈、公布欄等，協助政府服務訊息擴散。"), cell("各組室")],
        [cell("五、開放政府透明治理，優化機關管理創新", rowspan=3),
         cell("(一)建構友善安全資料開放環境，落實資料公開透明，便利共享創新應用。"),
         cell([("list", "decimal", [(0, "於本廠機關網站主動公開本廠組織與職掌、服務措施、施政計畫及預、決算情形等資訊。"),
                                    (0, "機關網站設置政府資訊公開專區。"),
                                    (0, "公開本廠環境監測及操作營運相關數據。")])]),
         cell("維修組\n操作組\n總務室\n會計室")],
        [COVERED, cell("(二)促進民眾運用實體或網路等多方管道參與決策制定，強化政策溝通及對話交流。"),
         cell("廣開民眾建言管道，如線上即時服務系統、首長信箱及社群網站等，透過公開方式與民眾溝通。"), cell("各組室")],
        [COVERED, cell("(三)檢討機關內部作業，減省不必要的審核及行政作業，聚焦核心業務，推動服務創新。"),
         cell([("list", "decimal", [(0, "落實分層負責減少公文處理時間。"),
                                    (0, "適時檢討及調整分層負責情形，朝減章、減紙、便民又便官的方向推動。")])]),
         cell("各組室")],
        [cell("六、掌握社經發展趨勢，專案規劃前瞻服務", rowspan=4),
         cell("(一)主動發掘關鍵議題，前瞻規劃服務策略預為因應。"),
         cell("透過平面、網路媒體或社群網站蒐集民意，瞭解當前民眾所關心之重大議題，做為本廠推行政策及服務之重要參考。"),
         cell("各組室")],
        [COVERED, cell("(二)善用法規調適、資通訊技術應用及流程簡化，擴大本機關或第一線機關服務措施的運作彈性。"),
         cell([("list", "decimal", [(0, "透過內部網路系統，簡化內部員工不必要的紙本程序，加速員工工作效率與彈性。"),
                                    (0, "民眾可透過市府線上即時服務系統進行陳情與建議，並隨時查詢最新處理狀況。")])]),
         cell("各組室")],
        [COVERED, cell("(三)結合跨域整合、引進民間資源、社會創新及開放社群協作等策略，務實解決服務或公共問題。"),
         cell([("list", "decimal", [(0, "結合在地資源，建立社區夥伴關係，共同協力，推動公共服務。"),
                                    (0, "透過網路參與管道，匯集群眾智慧，鼓勵民眾提出意見或構想。")])]),
         cell("各組室")],
        [COVERED, cell("(四)權衡服務措施的必要性，以及投入成本與產出效益間的合理性，重視服務的制度化及持續性。"),
         cell([("list", "decimal", [(0, "適時檢討服務措施的必要性、民眾受益程度及投入成本，作為服務策略選擇之依據。"),
                                    (0, "提供之服務措施能持續性推動，而非一次性作為。")])]),
         cell("各組室")],
    ],
}

RECYCLING = {
    "file": "recycling-plant-2021-plan",
    "title": "高雄市政府環境保護局中區資源回收廠110年度提升服務工作計畫",
    "header": "高雄市政府環境保護局中區資源回收廠",
    "blocks": [
        ("title", "高雄市政府環境保護局中區資源回收廠 110 年度提升服務工作計畫"),
        ("empty",),
        ("heading", 1, "壹、計畫依據"),
        ("para", ["高雄市政府 110 年 1 月 5 日高市府研發字第 11030001300 號函送「",
                  ("高雄市政府提升服務實施計畫", {"link": "https://rdec.kcg.gov.tw/"}), "」。",
                  ("", {"footnote": "本計畫依市府函送之實施計畫訂定，並配合環保局督導考核。"})]),
        ("heading", 1, "貳、計畫目標"),
        ("list", "chinese", [(0, [("公平共享", {"bold": True}), "：便捷服務遞送，確保效能與公平並重，發展適性的正確服務。"]),
                             (0, [("參與合作", {"bold": True}), "：擴大社會參與，重視服務對象意見回饋，提供有感的優質服務。"])]),
        ("para", ["以上目標並配合市府年度施政重點調整。"], 1.27),
        ("list", "chinese", [(0, [("開放透明", {"bold": True}), "：開放政府治理，建立透明互信的合作環境，帶動創新的加值服務。"])], True),
        ("heading", 1, "參、實施對象"),
        ("para", ["本廠各組室", ("全體同仁", {"deleted": True}), ("及駐廠志工", {"inserted": True}),
                  ("。", {"comment": "請總務室確認志工是否納入"}),
                  ("（內部作業：此段不對外公布）", {"hidden": True})]),
        ("heading", 1, "肆、計畫內容"),
        ("image", "flow", "本廠提升服務計畫的推動流程：訂定計畫、各組室執行、自我檢核、年度結束後提報成果。"),
        ("table", RECYCLING_TABLE),
        ("empty",),
        ("heading", 1, "伍、推動及管考"),
        ("list", "decimal", [(0, "依照本計畫務實推動，並配合環保局之督導考核、訪查與輔導。"),
                             (0, "自行管理考核，隨時檢討改進，提升服務品質。")]),
        ("para", ["管考方式依環保局規定辦理。"]),
        ("list", "decimal", [(0, "年度結束後，於次年1月提送年度執行成果，由環保局彙整後並送市府研考會。")], True),
        ("heading", 1, "陸、實施與修正"),
        ("para", ["本計畫執行期間若有未盡事宜，得依實際需要適時修正或另行補充規定。"]),
    ],
}

# 107 年度提升服務執行計畫, 高雄市岡山區公所 (seed 000): the first two parts of 肆、計畫內容.
GANGSHAN_TABLE = {
    "caption": "表 1：岡山區公所 107 年度提升服務執行計畫內容",
    "columns": [3.0, 4.2, 7.0, 2.0],
    "header": [[cell("執行要領"), cell("執行重點"), cell("具體作法"), cell("執行單位")]],
    "repeat_header": True,
    "rows": [
        [cell("一、完備基礎服務項目，注重服務特性差異化", rowspan=14),
         cell("(一)訂定機關年度提升服務品質計畫，具體規劃為民服務工作。", colspan=2), COVERED, cell("秘書室")],
        [COVERED, cell("(二)建立業務標準作業流程，維持服務措施處理一致性；確保資訊提供、問題回應或申辦案件處理的正確性，並適時檢討改進流程與作業方式。", rowspan=4),
         cell("1. 訂立標準作業程序/SOP：訂定標準作業程序，視業務需求於服務櫃台前張貼申辦流程表、書表作業重點或範本。"), cell("各課室")],
        [COVERED, COVERED, cell("2. 提升服務人員專業能力：服務櫃檯（含志工）及全體人員皆能主動招呼洽公民眾，並適時辦理研習。"), cell("各課室")],
        [COVERED, COVERED, cell("3. 定期檢查或檢討各項作業流程及申請表單：盡可能減少民眾應檢附的文件種類，落實免書證無紙化目標。"), cell("各課室")],
        [COVERED, COVERED, cell("4. 建置「非臨櫃辦理」：提供表單線上下載專區，有效推廣線上服務。"), cell("秘書室\n各課室")],
        [COVERED, cell("(三)提供民眾易讀、易懂、易用的服務申辦資訊及進度查詢管道，提升服務流程透明度。", rowspan=4),
         cell("1. 服務資訊公開透明：於服務場所及機關網站主動公開服務相關資訊。"), cell("各課室")],
        [COVERED, COVERED, cell("2. 提升外國人士服務：各課室標示雙語指引窗口，並設有英文版網頁。"), cell("各課室")],
        [COVERED, COVERED, cell("3. 申辦案件多元查詢管道：提供受理案件流程多元查詢管道。"), cell("各課室")],
        [COVERED, COVERED, cell("4. 逾期主動告知服務：案件處理超過標準作業時間應主動告知申請人。"), cell("各課室")],
        [COVERED, cell("(四)注重服務人員的禮貌態度，提高民眾臨櫃洽公或網站使用的便利性，建置合宜的服務環境。", rowspan=3),
         cell("1. 臨櫃主動引導服務：主動招呼洽公民眾提供簡易諮詢，並引導至正確櫃台完成申辦程序。"), cell("各課室、秘書室")],
        [COVERED, COVERED, cell("2. 檢覈服務行為友善性：定期辦理「服務滿意度調查」及「電話服務品質及禮貌測試」。"), cell("秘書室")],
        [COVERED, COVERED, cell([("para", ["3. 服務設施合宜程度："]),
                                 ("list", "bullet", [(0, "以友善環境方式規劃節能洽公環境及便捷服務動線，並進行辦公廳舍綠化。"),
                                                     (0, "充實核心設施或一般設施以及必要性之「創意性服務設施」。"),
                                                     (0, "設置各項行政設備時，考量「環境友善行為」因素，彰顯環保作為。")])]),
         cell("秘書室")],
        [COVERED, cell("(五)因應業務屬性、服務特性差異，汲取創新趨勢，投入品質改善，發展優質服務。", rowspan=2),
         cell("1. 免費網路服務設施：於洽公場所佈置網路服務熱點，提供 i-Taiwan 免費上網服務。"), cell("秘書室")],
        [COVERED, COVERED, cell("2. 鼓勵創新研究：鼓勵機關推動創新提案，提升服務綜效。"), cell("各課室")],
        [cell("執行要領"), cell("執行重點"), cell("具體作法"), cell("執行單位")],
        [cell("二、重視全程意見回饋及參與，力求服務切合民眾需求", rowspan=3),
         cell("(一)納入民眾參與服務設計或邀請民間協力合作，提供符合民眾需求的服務。", rowspan=2),
         cell("1. 建置民眾參與多元管道：建置民眾建言多元管道，並妥適回應民眾建言。"), cell("各課室")],
        [COVERED, COVERED, cell("2. 善用群眾外包：利用臉書專頁平台及不同屬性之 Line 群組，針對各類活動及議題進行討論及協力合作。"), cell("各課室")],
        [COVERED, cell("(二)善用各類意見調查工具與機制，蒐集民眾對服務的需求或建議，適予調整服務措施。"),
         cell("1. 輿情回應機制：專人閱讀剪輯每日在地新聞剪報，主動蒐集輿情報導。"), cell("秘書室")],
    ],
}

GANGSHAN = {
    "file": "gangshan-2018-plan",
    "title": "",  # no title in the properties: the Title style gives it
    "header": "高雄市岡山區公所",
    "blocks": [
        ("title", "高雄市岡山區公所107年度提升服務執行計畫"),
        ("numbered-heading", "計畫依據"),
        ("para", ["行政院函頒「政府服務躍升方案」及國家發展委員會「第2屆政府服務獎評獎實施計畫」。"]),
        ("empty",),
        ("numbered-heading", "計畫目標"),
        ("list", "chinese", [(0, "便捷服務遞送，確保效能與公平並重，發展適性的正確服務。"),
                             (1, "簡化申辦流程。"),
                             (1, "推動線上申辦。"),
                             (0, "擴大社會參與，重視服務對象意見回饋，提供有感的優質服務。"),
                             (0, "開放政府治理，建立透明互信的合作環境，帶動創新的加值服務。")]),
        ("numbered-heading", "實施對象"),
        ("para", [("本所全體同仁。", {"italic": True})]),
        ("numbered-heading", "計畫內容"),
        ("para", [("一、完備基礎服務項目", {"bold": True})]),
        ("image", "photo", ""),
        ("table", GANGSHAN_TABLE),
        ("numbered-heading", "考核管制"),
        ("para", ["一、依據所訂執行計畫加強辦理，並於年度中旬由各課室主管進行自我檢核。", ("", {"break": True}),
                  "二、於年度結束後提報本所年度執行成果，由秘書室彙整後函送市府研考會。"]),
    ],
}

SOP = {
    "file": "household-transcript-sop",
    "title": "戶籍謄本申請標準作業程序",
    "header": "範例市清溪區公所 民政課",
    "blocks": [
        ("title", "戶籍謄本申請標準作業程序"),
        ("heading", 1, "服務概要"),
        ("table", {
            "caption": None,
            "columns": [3.0, 12.0],
            "header": [[cell("項目"), cell("內容")]],
            "repeat_header": False,
            "rows": [
                [cell("辦理時限"), cell("隨到隨辦（約 10 分鐘）")],
                [cell("費用"), cell("每張新臺幣 15 元")],
                [cell("申請資格"), cell("本人，或受本人委託者")],
                [cell("申辦地點"), cell("本所 1 樓戶政櫃檯（全國各戶政事務所皆可跨區申請）")],
                [cell("線上申辦"), cell([("para", [("內政部戶政司網路申辦", {"link": "https://www.ris.gov.tw/app/portal/3014"})])])],
                [cell("法令依據"), cell([("para", [("戶籍法第 65 條", {"link": "https://law.moj.gov.tw/LawClass/LawSingle.aspx?pcode=D0030006&flno=65"})]),
                                        ("para", ["戶籍謄本申請及核發辦法"])])],
                [cell("承辦單位"), cell("民政課 戶籍股")],
                [cell("聯絡電話"), cell("(09) 9123-4567 #201")],
                [cell("備註"), cell("委託他人申請者，應附委託書。")],
            ],
        }),
        ("heading", 1, "應備文件"),
        ("table", {
            "caption": None,
            "columns": [4.0, 2.0, 3.0, 6.0],
            "header": [[cell("文件"), cell("份數"), cell("正本／影本"), cell("備註")]],
            "repeat_header": True,
            "rows": [
                [cell("國民身分證"), cell("1"), cell("正本"), cell("受委託人另附本人身分證及委託書")],
                [cell("印章"), cell("1"), cell("正本"), cell("或由本人簽名")],
                [cell("委託書"), cell("1 份"), cell("正本"), cell("委託他人申請時")],
            ],
        }),
        ("heading", 1, "作業流程"),
        ("list", "decimal", [(0, "申請人：填寫申請書，連同應備文件交給櫃檯（3 分鐘）"),
                             (0, "戶政櫃檯：核對身分、收費並列印謄本（5 分鐘）"),
                             (0, "申請人：核對謄本內容後領取")]),
        ("heading", 1, "注意事項"),
        ("para", ["戶籍謄本自核發日起 3 個月內有效；逾期請重新申請。"]),
    ],
}


FAQ = {
    "file": "household-registration-faq",
    "title": "戶籍登記常見問題",
    "header": "範例市清溪區公所 民政課",
    "blocks": [
        ("title", "戶籍登記常見問題"),
        ("heading", 1, "戶籍謄本"),
        ("heading", 2, "申請戶籍謄本要帶什麼？"),
        ("para", ["A：請攜帶國民身分證正本及印章；委託他人申請者，另附委託書。"]),
        ("para", [("搬家後多久內要辦遷入登記？", {"bold": True})]),
        ("para", ["答：遷入後 30 日內，向新住所地的戶政事務所申請。"]),
        ("para", ["Q：可以在其他縣市的戶政事務所申請嗎？"]),
        ("para", ["可以，戶籍謄本全國跨區申辦。"]),
    ],
}


def runs_of(value):
    """Runs from a str (newlines become line breaks) or a list of runs."""
    if isinstance(value, str):
        parts = value.split("\n")
        runs = []
        for i, part in enumerate(parts):
            runs.append((part, {"break": i + 1 < len(parts)}))
        return runs
    return [(r, {}) if isinstance(r, str) else r for r in value]


def cell_blocks(content):
    return [("para", content)] if isinstance(content, str) else content


# --- .docx ---------------------------------------------------------------------------------

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"

NUMBERING = """
<w:abstractNum {ns} w:abstractNumId="90">
  <w:multiLevelType w:val="hybridMultilevel"/>
  <w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="taiwaneseCountingThousand"/><w:lvlText w:val="%1、"/><w:lvlJc w:val="left"/><w:pPr><w:ind w:left="720" w:hanging="720"/></w:pPr></w:lvl>
  <w:lvl w:ilvl="1"><w:start w:val="1"/><w:numFmt w:val="decimal"/><w:lvlText w:val="(%2)"/><w:lvlJc w:val="left"/><w:pPr><w:ind w:left="1200" w:hanging="480"/></w:pPr></w:lvl>
</w:abstractNum>
<w:abstractNum {ns} w:abstractNumId="91">
  <w:multiLevelType w:val="hybridMultilevel"/>
  <w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="decimal"/><w:lvlText w:val="%1."/><w:lvlJc w:val="left"/><w:pPr><w:ind w:left="480" w:hanging="480"/></w:pPr></w:lvl>
  <w:lvl w:ilvl="1"><w:start w:val="1"/><w:numFmt w:val="decimal"/><w:lvlText w:val="(%2)"/><w:lvlJc w:val="left"/><w:pPr><w:ind w:left="960" w:hanging="480"/></w:pPr></w:lvl>
</w:abstractNum>
<w:abstractNum {ns} w:abstractNumId="92">
  <w:multiLevelType w:val="hybridMultilevel"/>
  <w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="bullet"/><w:lvlText w:val="●"/><w:lvlJc w:val="left"/><w:pPr><w:ind w:left="480" w:hanging="480"/></w:pPr></w:lvl>
</w:abstractNum>
<w:abstractNum {ns} w:abstractNumId="93">
  <w:multiLevelType w:val="multilevel"/>
  <w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="ideographLegalTraditional"/><w:lvlText w:val="%1、"/><w:lvlJc w:val="left"/><w:pPr><w:ind w:left="0" w:firstLine="0"/></w:pPr></w:lvl>
</w:abstractNum>
"""
NUM_IDS = {"chinese": 90, "decimal": 91, "bullet": 92, "heading": 93}


class DocxWriter:
    def __init__(self, spec):
        self.spec = spec
        self.doc = docx.Document()
        self.footnotes = []
        self.comments = []
        self.change = 0
        self.list_instances = {}  # kind → the w:num of the list going on
        self.next_num = 100
        numbering = self.doc.part.numbering_part.element
        for element in parse_xml("<root %s>%s</root>" % (nsdecls("w"), NUMBERING.format(ns=nsdecls("w")))):
            numbering.insert(0, element)

    def new_num(self, kind):
        """A w:num for a new list of `kind`, restarting its numbering."""
        num = self.next_num
        self.next_num += 1
        numbering = self.doc.part.numbering_part.element
        numbering.append(parse_xml(
            '<w:num %s w:numId="%d"><w:abstractNumId w:val="%d"/>'
            '<w:lvlOverride w:ilvl="0"><w:startOverride w:val="1"/></w:lvlOverride></w:num>'
            % (nsdecls("w"), num, NUM_IDS[kind])))
        return num

    def run(self, paragraph, text_value, attrs):
        if attrs.get("footnote"):
            self.footnotes.append(attrs["footnote"])
            r = paragraph.add_run()
            r._r.append(parse_xml('<w:footnoteReference %s w:id="%d"/>' % (nsdecls("w"), len(self.footnotes))))
            return
        if attrs.get("deleted") or attrs.get("inserted"):
            self.change += 1
            kind = "w:del" if attrs.get("deleted") else "w:ins"
            tag = "w:delText" if attrs.get("deleted") else "w:t"
            paragraph._p.append(parse_xml(
                '<%s %s w:id="%d" w:author="秘書室" w:date="2021-01-20T10:00:00Z"><w:r><%s xml:space="preserve">%s</%s></w:r></%s>'
                % (kind, nsdecls("w"), 900 + self.change, tag, text_value, tag, kind)))
            return
        if attrs.get("comment"):
            self.comments.append(attrs["comment"])
            cid = len(self.comments) - 1
            paragraph._p.append(parse_xml('<w:commentRangeStart %s w:id="%d"/>' % (nsdecls("w"), cid)))
        if attrs.get("link"):
            rid = self.doc.part.relate_to(attrs["link"], RT.HYPERLINK, is_external=True)
            paragraph._p.append(parse_xml(
                '<w:hyperlink %s r:id="%s"><w:r><w:rPr><w:rStyle w:val="Hyperlink"/></w:rPr><w:t xml:space="preserve">%s</w:t></w:r></w:hyperlink>'
                % (nsdecls("w", "r"), rid, text_value)))
        elif text_value:
            r = paragraph.add_run(text_value)
            r.bold = attrs.get("bold") or None
            r.italic = attrs.get("italic") or None
            if attrs.get("hidden"):
                r.font.hidden = True
        if attrs.get("comment"):
            paragraph._p.append(parse_xml('<w:commentRangeEnd %s w:id="%d"/>' % (nsdecls("w"), cid)))
            paragraph._p.append(parse_xml(
                '<w:r %s><w:commentReference w:id="%d"/></w:r>' % (nsdecls("w"), cid)))
        if attrs.get("break"):
            paragraph.add_run().add_break(WD_BREAK.LINE)

    def paragraph(self, container, runs, style=None, indent_cm=None):
        p = container.add_paragraph(style=style)
        for text_value, attrs in runs_of(runs):
            self.run(p, text_value, attrs)
        if indent_cm:
            p.paragraph_format.left_indent = Cm(indent_cm)
        return p

    def numbered(self, p, num, level):
        ppr = p._p.get_or_add_pPr()
        ppr.append(parse_xml('<w:numPr %s><w:ilvl w:val="%d"/><w:numId w:val="%d"/></w:numPr>'
                             % (nsdecls("w"), level, num)))

    def blocks(self, container, blocks):
        for block in blocks:
            kind = block[0]
            if kind == "title":
                self.paragraph(container, block[1], style="Title")
            elif kind == "heading":
                self.paragraph(container, block[2], style="Heading %d" % block[1])
            elif kind == "numbered-heading":
                self.numbered(self.paragraph(container, block[1], style="Heading 1"), NUM_IDS["heading"] + 100, 0)
            elif kind == "para":
                self.paragraph(container, block[1], indent_cm=block[2] if len(block) > 2 else None)
            elif kind == "empty":
                container.add_paragraph()
            elif kind == "list":
                list_kind, items = block[1], block[2]
                continues = len(block) > 3 and block[3]
                if not continues or list_kind not in self.list_instances:
                    self.list_instances[list_kind] = self.new_num(list_kind)
                for level, runs in items:
                    self.numbered(self.paragraph(container, runs), self.list_instances[list_kind], level)
            elif kind == "image":
                p = container.add_paragraph()
                stream = io.BytesIO(IMAGES[block[1]])
                p.add_run().add_picture(stream, width=Cm(8))
                doc_pr = p._p.xpath(".//wp:docPr")[0]
                doc_pr.set("name", "圖片 %s" % block[1])
                if block[2]:
                    doc_pr.set("descr", block[2])
            elif kind == "table":
                self.table(container, block[1])

    def table(self, container, spec):
        columns = len(spec["columns"])
        if spec.get("caption"):
            self.paragraph(container, spec["caption"], style="Caption")
        rows = spec["header"] + spec["rows"]
        t = container.add_table(rows=len(rows), cols=columns)
        t.style = "Table Grid"
        for c, width in enumerate(spec["columns"]):
            for row in t.rows:
                row.cells[c].width = Cm(width)
        for r, row in enumerate(rows):
            for c, value in enumerate(row):
                if value is None:
                    continue
                target = t.cell(r, c)
                if value["rowspan"] > 1 or value["colspan"] > 1:
                    target = target.merge(t.cell(r + value["rowspan"] - 1, c + value["colspan"] - 1))
                target.paragraphs[0]._p.getparent().remove(target.paragraphs[0]._p)
                self.blocks(target, cell_blocks(value["content"]))
        if spec.get("repeat_header"):
            for r in range(len(spec["header"])):
                trpr = t.rows[r]._tr.get_or_add_trPr()
                trpr.append(parse_xml('<w:tblHeader %s/>' % nsdecls("w")))
        # python-docx leaves a merged cell's covered parts with an empty paragraph: Word does too.

    def header_and_footer(self):
        section = self.doc.sections[0]
        section.header.paragraphs[0].text = self.spec["header"]
        footer = section.footer.paragraphs[0]
        footer.add_run("第 ")
        footer._p.append(parse_xml('<w:fldSimple %s w:instr=" PAGE "><w:r><w:t>1</w:t></w:r></w:fldSimple>' % nsdecls("w")))
        footer.add_run(" 頁，共 ")
        for kind, value in (("begin", None), ("instr", " NUMPAGES "), ("separate", None), ("text", "3"), ("end", None)):
            if kind == "instr":
                footer._p.append(parse_xml('<w:r %s><w:instrText xml:space="preserve">%s</w:instrText></w:r>' % (nsdecls("w"), value)))
            elif kind == "text":
                footer._p.append(parse_xml('<w:r %s><w:t>%s</w:t></w:r>' % (nsdecls("w"), value)))
            else:
                footer._p.append(parse_xml('<w:r %s><w:fldChar w:fldCharType="%s"/></w:r>' % (nsdecls("w"), kind)))
        footer.add_run(" 頁")

    def notes_and_comments(self):
        part = self.doc.part
        if self.footnotes:
            notes = "".join(
                '<w:footnote w:id="%d"><w:p><w:pPr><w:pStyle w:val="FootnoteText"/></w:pPr>'
                '<w:r><w:rPr><w:vertAlign w:val="superscript"/></w:rPr><w:footnoteRef/></w:r>'
                '<w:r><w:t xml:space="preserve"> %s</w:t></w:r></w:p></w:footnote>' % (i + 1, note)
                for i, note in enumerate(self.footnotes))
            xml = ('<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<w:footnotes %s>'
                   '<w:footnote w:type="separator" w:id="-1"><w:p><w:r><w:separator/></w:r></w:p></w:footnote>'
                   '<w:footnote w:type="continuationSeparator" w:id="0"><w:p><w:r><w:continuationSeparator/></w:r></w:p></w:footnote>'
                   '%s</w:footnotes>' % (nsdecls("w"), notes))
            footnotes = Part(PackURI("/word/footnotes.xml"),
                             "application/vnd.openxmlformats-officedocument.wordprocessingml.footnotes+xml",
                             xml.encode("utf-8"), part.package)
            part.relate_to(footnotes, RT.FOOTNOTES)
        if self.comments:
            body = "".join(
                '<w:comment w:id="%d" w:author="秘書室" w:date="2021-01-20T10:00:00Z" w:initials="秘">'
                '<w:p><w:r><w:t>%s</w:t></w:r></w:p></w:comment>' % (i, c) for i, c in enumerate(self.comments))
            xml = ('<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<w:comments %s>%s</w:comments>'
                   % (nsdecls("w"), body))
            comments = Part(PackURI("/word/comments.xml"),
                            "application/vnd.openxmlformats-officedocument.wordprocessingml.comments+xml",
                            xml.encode("utf-8"), part.package)
            part.relate_to(comments, RT.COMMENTS)

    def save(self, path):
        # The heading numbering's own instance.
        self.doc.part.numbering_part.element.append(parse_xml(
            '<w:num %s w:numId="%d"><w:abstractNumId w:val="%d"/></w:num>'
            % (nsdecls("w"), NUM_IDS["heading"] + 100, NUM_IDS["heading"])))
        # python-docx's template starts with an empty paragraph.
        body = self.doc.element.body
        for p in list(body.iterchildren(qn("w:p")))[:1]:
            if not p.xpath(".//w:t"):
                body.remove(p)
        self.blocks(self.doc, self.spec["blocks"])
        self.header_and_footer()
        self.notes_and_comments()
        self.doc.core_properties.title = self.spec["title"]
        self.doc.core_properties.author = "範例"
        self.doc.core_properties.created = __import__("datetime").datetime(2021, 1, 20)
        self.doc.core_properties.modified = __import__("datetime").datetime(2021, 1, 20)
        self.doc.core_properties.last_modified_by = "範例"
        self.doc.core_properties.revision = 1
        self.doc.save(path)
        normalise_zip(path)


def normalise_zip(path):
    """Fixed times for the zip's entries (the documents' own metadata may still hold the day)."""
    with zipfile.ZipFile(path) as source:
        entries = [(info, source.read(info.filename)) for info in source.infolist()]
    with zipfile.ZipFile(path, "w") as target:
        for info, data in entries:
            fixed = zipfile.ZipInfo(info.filename, date_time=(2021, 1, 20, 10, 0, 0))
            fixed.compress_type = zipfile.ZIP_STORED if info.filename == "mimetype" else zipfile.ZIP_DEFLATED
            target.writestr(fixed, data)


# --- .odt ----------------------------------------------------------------------------------

# As LibreOffice writes bold: for Western, Asian (Chinese) and complex scripts.
BOLD = {"fontweight": "bold", "fontweightasian": "bold", "fontweightcomplex": "bold"}


class OdtWriter:
    def __init__(self, spec):
        self.spec = spec
        self.doc = OpenDocumentText()
        self.notes = 0
        self.changes = []
        self.lists = {}  # kind → whether a list of it was written
        self.tables = 0
        self.frames = 0
        self.doc.fontfacedecls.addElement(FontFace(name="Noto Sans CJK TC", fontfamily="'Noto Sans CJK TC'"))
        st = self.doc.styles
        self.standard = Style(name="Standard", family="paragraph")
        st.addElement(self.standard)
        title = Style(name="Title", family="paragraph", parentstylename="Standard")
        title.addElement(TextProperties(fontsize="20pt", **BOLD))
        st.addElement(title)
        for level in (1, 2):
            heading = Style(name="Heading_20_%d" % level, displayname="Heading %d" % level,
                            family="paragraph", parentstylename="Standard", defaultoutlinelevel=str(level))
            heading.addElement(TextProperties(fontsize="16pt", **BOLD))
            st.addElement(heading)
        caption = Style(name="Table", family="paragraph", parentstylename="Standard")
        st.addElement(caption)
        auto = self.doc.automaticstyles
        self.bold = Style(name="T1", family="text")
        self.bold.addElement(TextProperties(**BOLD))
        auto.addElement(self.bold)
        self.italic = Style(name="T2", family="text")
        self.italic.addElement(TextProperties(fontstyle="italic", fontstyleasian="italic", fontstylecomplex="italic"))
        auto.addElement(self.italic)
        self.hidden = Style(name="T3", family="text")
        self.hidden.addElement(TextProperties(display="none"))
        auto.addElement(self.hidden)
        self.bold_paragraph = Style(name="P1", family="paragraph", parentstylename="Standard")
        self.bold_paragraph.addElement(TextProperties(**BOLD))
        auto.addElement(self.bold_paragraph)
        self.indented = Style(name="P2", family="paragraph", parentstylename="Standard")
        self.indented.addElement(ParagraphProperties(marginleft="1.27cm"))
        auto.addElement(self.indented)
        # List styles: 一、 with (1) below; 1. with (1) below; bullets.
        for name, first, second in (("chinese", ("一, 二, 三, ...", "", "、"), ("1", "(", ")")),
                                    ("decimal", ("1", "", "."), ("1", "(", ")")),
                                    ("bullet", None, None)):
            ls = text.ListStyle(name="L_" + name)
            for level, fmt in ((1, first), (2, second)):
                if fmt is None:
                    item = text.ListLevelStyleBullet(level=level, bulletchar="●")
                else:
                    item = text.ListLevelStyleNumber(level=level, numformat=fmt[0], numprefix=fmt[1], numsuffix=fmt[2])
                item.addElement(ListLevelProperties(spacebefore="%.2fcm" % (0.64 * level), minlabelwidth="0.64cm"))
                ls.addElement(item)
            auto.addElement(ls)
        layout = PageLayout(name="pm1")
        layout.addElement(PageLayoutProperties(pagewidth="21cm", pageheight="29.7cm"))
        auto_styles = self.doc.automaticstyles
        auto_styles.addElement(layout)
        master = MasterPage(name="Standard", pagelayoutname=layout)
        header = Header()
        header.addElement(text.P(text=spec["header"]))
        master.addElement(header)
        footer = Footer()
        p = text.P(text="第 ")
        p.addElement(text.PageNumber(selectpage="current", text="1"))
        p.addText(" 頁，共 ")
        p.addElement(text.PageCount(text="3"))
        p.addText(" 頁")
        footer.addElement(p)
        master.addElement(footer)
        self.doc.masterstyles.addElement(master)

    def runs(self, p, value):
        for text_value, attrs in runs_of(value):
            if attrs.get("footnote"):
                self.notes += 1
                note = text.Note(id="ftn%d" % self.notes, noteclass="footnote")
                note.addElement(text.NoteCitation(text=str(self.notes)))
                body = text.NoteBody()
                body.addElement(text.P(text=attrs["footnote"]))
                note.addElement(body)
                p.addElement(note)
                continue
            if attrs.get("deleted"):
                cid = "ct%d" % (len(self.changes) + 1)
                self.changes.append((cid, "deletion", text_value))
                p.addElement(text.Change(changeid=cid))
                continue
            if attrs.get("inserted"):
                cid = "ct%d" % (len(self.changes) + 1)
                self.changes.append((cid, "insertion", text_value))
                p.addElement(text.ChangeStart(changeid=cid))
                p.addText(text_value)
                p.addElement(text.ChangeEnd(changeid=cid))
                continue
            if attrs.get("comment"):
                annotation = office.Annotation()
                annotation.addElement(dc.Creator(text="秘書室"))
                annotation.addElement(dc.Date(text="2021-01-20T10:00:00"))
                annotation.addElement(text.P(text=attrs["comment"]))
                p.addElement(annotation)
            if attrs.get("link"):
                p.addElement(text.A(href=attrs["link"], type="simple", text=text_value))
            elif attrs.get("bold") or attrs.get("italic") or attrs.get("hidden"):
                style = self.hidden if attrs.get("hidden") else self.bold if attrs.get("bold") else self.italic
                p.addElement(text.Span(stylename=style, text=text_value))
            elif text_value:
                p.addText(text_value)
            if attrs.get("break"):
                p.addElement(text.LineBreak())

    def blocks(self, container, blocks):
        for block in blocks:
            kind = block[0]
            if kind == "title":
                p = text.P(stylename="Title")
                self.runs(p, block[1])
                container.addElement(p)
            elif kind == "heading":
                h = text.H(outlinelevel=block[1], stylename="Heading_20_%d" % block[1])
                self.runs(h, block[2])
                container.addElement(h)
            elif kind == "numbered-heading":
                # Typed numbers in bold paragraphs, as many offices write them.
                numbers = "壹貳參肆伍陸柒捌玖拾"
                self.numbered_headings = getattr(self, "numbered_headings", 0) + 1
                p = text.P(stylename=self.bold_paragraph, text=numbers[self.numbered_headings - 1] + "、" + block[1])
                container.addElement(p)
            elif kind == "para":
                p = text.P(stylename=self.indented if len(block) > 2 else "Standard")
                self.runs(p, block[1])
                container.addElement(p)
            elif kind == "empty":
                container.addElement(text.P(stylename="Standard"))
            elif kind == "list":
                list_kind, items = block[1], block[2]
                continues = len(block) > 3 and block[3]
                top = text.List(stylename="L_" + list_kind)
                if continues:
                    top.setAttribute("continuenumbering", "true")
                stack = [top]
                for level, runs in items:
                    while len(stack) > level + 1:
                        stack.pop()
                    while len(stack) < level + 1:
                        inner = text.List()
                        stack[-1].lastChild.addElement(inner)
                        stack.append(inner)
                    item = text.ListItem()
                    p = text.P(stylename="Standard")
                    self.runs(p, runs)
                    item.addElement(p)
                    stack[-1].addElement(item)
                container.addElement(top)
            elif kind == "image":
                self.frames += 1
                href = self.doc.addPictureFromString(IMAGES[block[1]], "image/png")
                frame = draw.Frame(name="圖片%d" % self.frames, anchortype="as-char", width="8cm", height="1.6cm")
                frame.addElement(draw.Image(href=href))
                if block[2]:
                    frame.addElement(svg.Desc(text=block[2]))
                p = text.P(stylename="Standard")
                p.addElement(frame)
                container.addElement(p)
            elif kind == "table":
                self.table(container, block[1])

    def table(self, container, spec):
        self.tables += 1
        if spec.get("caption"):
            container.addElement(text.P(stylename="Table", text=spec["caption"]))
        t = table.Table(name="表格%d" % self.tables)
        for c, width in enumerate(spec["columns"]):
            column_style = Style(name="表格%d.%s" % (self.tables, chr(65 + c)), family="table-column")
            column_style.addElement(TableColumnProperties(columnwidth="%.2fcm" % width))
            self.doc.automaticstyles.addElement(column_style)
            t.addElement(table.TableColumn(stylename=column_style))

        def add_row(target, row):
            tr = table.TableRow()
            for value in row:
                if value is None:
                    tr.addElement(table.CoveredTableCell())
                    continue
                attributes = {"valuetype": "string"}
                if value["rowspan"] > 1:
                    attributes["numberrowsspanned"] = value["rowspan"]
                if value["colspan"] > 1:
                    attributes["numbercolumnsspanned"] = value["colspan"]
                tc = table.TableCell(**attributes)
                self.blocks(tc, cell_blocks(value["content"]))
                tr.addElement(tc)
            target.addElement(tr)

        if spec.get("repeat_header"):
            header = table.TableHeaderRows()
            for row in spec["header"]:
                add_row(header, row)
            t.addElement(header)
        else:
            for row in spec["header"]:
                add_row(t, row)
        for row in spec["rows"]:
            add_row(t, row)
        container.addElement(t)

    def save(self, path):
        body = self.doc.text
        tracked = text.TrackedChanges()
        body.addElement(tracked)
        self.blocks(body, self.spec["blocks"])
        for cid, kind, value in self.changes:
            region = text.ChangedRegion(check_grammar=False)
            region.setAttrNS("http://www.w3.org/XML/1998/namespace", "id", cid)
            region.setAttrNS(text.TEXTNS, "id", cid)
            change = text.Deletion() if kind == "deletion" else text.Insertion()
            info = office.ChangeInfo()
            info.addElement(dc.Creator(text="秘書室"))
            info.addElement(dc.Date(text="2021-01-20T10:00:00"))
            change.addElement(info)
            if kind == "deletion":
                change.addElement(text.P(text=value))
            region.addElement(change)
            tracked.addElement(region)
        if self.spec["title"]:
            self.doc.meta.addElement(dc.Title(text=self.spec["title"]))
        self.doc.save(path)
        normalise_zip(path)


# --- Bad inputs ----------------------------------------------------------------------------

def zip_of(path, entries):
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as z:
        for name, data in entries:
            info = zipfile.ZipInfo(name, date_time=(2021, 1, 20, 10, 0, 0))
            info.compress_type = zipfile.ZIP_STORED if name == "mimetype" else zipfile.ZIP_DEFLATED
            z.writestr(info, data)


CONTENT_TYPES = ('<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
                 '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
                 '<Default Extension="xml" ContentType="application/xml"/>'
                 '<Default Extension="png" ContentType="image/png"/>'
                 '<Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/></Types>')
PACKAGE_RELS = ('<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
                '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/></Relationships>')


def minimal_docx(body, rels="", extra=()):
    document = ('<?xml version="1.0" encoding="UTF-8"?><w:document xmlns:w="%s" '
                'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships" '
                'xmlns:wp="http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing" '
                'xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main"><w:body>%s</w:body></w:document>' % (W, body))
    entries = [("[Content_Types].xml", CONTENT_TYPES), ("_rels/.rels", PACKAGE_RELS), ("word/document.xml", document)]
    if rels:
        entries.append(("word/_rels/document.xml.rels",
                        '<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">%s</Relationships>' % rels))
    return entries + list(extra)


def picture(rid):
    return ('<w:p><w:r><w:drawing><wp:inline><wp:docPr id="1" name="p" descr="抽水站位置圖"/>'
            '<a:graphic><a:graphicData><a:blip r:embed="%s"/></a:graphicData></a:graphic></wp:inline></w:drawing></w:r></w:p>' % rid)


def ole_file(streams):
    """The first bytes of an OLE compound file (a binary .doc/.wps, or Office's encrypted
    package), with its directory's stream names in UTF-16, as those files have them."""
    header = b"\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1" + b"\x00" * 16 + b"\x3E\x00\x03\x00\xFE\xFF\x09\x00"
    header += b"\x00" * (512 - len(header))
    directory = b""
    for name in ["Root Entry"] + streams:
        encoded = name.encode("utf-16-le")
        entry = encoded + b"\x00" * (64 - len(encoded)) + struct.pack("<H", len(encoded) + 2)
        directory += entry + b"\x00" * (128 - len(entry))
    return header + directory + b"\x00" * 1024


def bad_inputs():
    bad = os.path.join(OUT, "bad")
    os.makedirs(bad, exist_ok=True)
    with open(os.path.join(bad, "not-a-zip.docx"), "wb") as f:
        f.write("這是一份純文字檔，副檔名卻是 .docx。\n".encode("utf-8"))
    zip_of(os.path.join(bad, "photos.docx"), [("photo.jpg", b"\xFF\xD8\xFF\xE0jpeg"), ("readme.txt", "相片")])
    zip_of(os.path.join(bad, "budget.ods"), [("mimetype", "application/vnd.oasis.opendocument.spreadsheet"),
                                             ("content.xml", "<office:document-content/>")])
    with open(os.path.join(bad, "password.docx"), "wb") as f:
        f.write(ole_file(["EncryptionInfo", "EncryptedPackage", "\x06DataSpaces"]))
    zip_of(os.path.join(bad, "password.odt"), [
        ("mimetype", "application/vnd.oasis.opendocument.text"),
        ("content.xml", os.urandom(0) + bytes(range(256)) * 8),
        ("META-INF/manifest.xml",
         '<?xml version="1.0" encoding="UTF-8"?><manifest:manifest xmlns:manifest="urn:oasis:names:tc:opendocument:xmlns:manifest:1.0" manifest:version="1.2">'
         '<manifest:file-entry manifest:full-path="/" manifest:media-type="application/vnd.oasis.opendocument.text"/>'
         '<manifest:file-entry manifest:full-path="content.xml" manifest:media-type="text/xml" manifest:size="2048">'
         '<manifest:encryption-data manifest:checksum-type="urn:oasis:names:tc:opendocument:xmlns:manifest:1.0#sha256-1k" manifest:checksum="AAAA">'
         '<manifest:algorithm manifest:algorithm-name="http://www.w3.org/2001/04/xmlenc#aes256-cbc" manifest:initialisation-vector="AAAA"/>'
         '<manifest:key-derivation manifest:key-derivation-name="PBKDF2" manifest:key-size="32" manifest:iteration-count="100000" manifest:salt="AAAA"/>'
         '</manifest:encryption-data></manifest:file-entry></manifest:manifest>')])
    with open(os.path.join(bad, "old.doc"), "wb") as f:
        f.write(ole_file(["WordDocument", "1Table", "\x05SummaryInformation"]))
    with open(os.path.join(bad, "old.wps"), "wb") as f:
        f.write(ole_file(["CONTENTS", "SPELLING", "\x05SummaryInformation"]))
    with open(os.path.join(OUT, "recycling-plant-2021-plan.docx"), "rb") as f:
        whole = f.read()
    with open(os.path.join(bad, "truncated.docx"), "wb") as f:
        f.write(whole[: len(whole) // 2])
    # 200 MB of zeros in a picture: about 200 KB in the zip; over the 128 MB a part may have.
    zip_of(os.path.join(bad, "bomb.docx"), minimal_docx(
        picture("rId1"),
        '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/image" Target="media/image1.png"/>',
        [("word/media/image1.png", b"\x89PNG" + b"\x00" * (200 << 20))]))
    laughs = '<!DOCTYPE w:document [<!ENTITY a "哈哈哈哈哈哈哈哈哈哈">' + "".join(
        '<!ENTITY %s "%s">' % (chr(98 + i), ("&%s;" % chr(97 + i)) * 10) for i in range(9)) + ']>'
    entries = minimal_docx("<w:p><w:r><w:t>&j;</w:t></w:r></w:p>")
    entries[2] = ("word/document.xml", entries[2][1].replace("<w:document", laughs + "<w:document", 1))
    zip_of(os.path.join(bad, "entities.docx"), entries)
    # A text box in a table's cell: left out, with a warning naming the cell.
    zip_of(os.path.join(bad, "textbox-in-cell.docx"), minimal_docx(
        "<w:tbl><w:tblGrid><w:gridCol/><w:gridCol/></w:tblGrid><w:tr>"
        "<w:tc><w:p><w:r><w:t>辦理時限</w:t></w:r></w:p></w:tc>"
        "<w:tc><w:p><w:r><w:t>隨到隨辦</w:t></w:r><w:r><w:drawing><wp:anchor><wp:docPr id=\"2\" name=\"文字方塊 2\"/>"
        "<a:graphic><a:graphicData><w:txbxContent><w:p><w:r><w:t>請洽櫃檯</w:t></w:r></w:p></w:txbxContent>"
        "</a:graphicData></a:graphic></wp:anchor></w:drawing></w:r></w:p></w:tc></w:tr></w:tbl>"))
    # Entry names that climb out of any folder, and links to them.
    zip_of(os.path.join(bad, "dotdot.docx"), minimal_docx(
        "<w:p><w:r><w:t>抽水站位置</w:t></w:r></w:p>" + picture("rId1") + picture("rId2") + picture("rId3"),
        '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/image" Target="../../../../tmp/kiosk-import-escape.png"/>'
        '<Relationship Id="rId2" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/image" Target="/tmp/kiosk-import-escape.png"/>'
        '<Relationship Id="rId3" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/image" Target="media/../../word/media/map.png"/>',
        [("../../../../tmp/kiosk-import-escape.png", IMAGES["photo"]),
         ("/tmp/kiosk-import-escape.png", IMAGES["photo"]),
         ("word/media/map.png", IMAGES["flow"])]))


def as_libreoffice_writes_them(names):
    """Each document saved again by LibreOffice in the other format (the .docx as .odt, the
    .odt as .docx), into documents/libreoffice/: what an office's LibreOffice writes. Needs
    LibreOffice (apt-get install libreoffice-writer-nogui); skipped without it."""
    soffice = shutil.which("soffice")
    if not soffice:
        print("no soffice: documents/libreoffice/ left as it is", file=sys.stderr)
        return
    target = os.path.join(OUT, "libreoffice")
    os.makedirs(target, exist_ok=True)
    for name in names:
        for source, to in ((name + ".docx", "odt"), (name + ".odt", "docx:MS Word 2007 XML")):
            subprocess.run([soffice, "--headless", "--convert-to", to, "--outdir", target,
                            os.path.join(OUT, source)], check=True, stdout=subprocess.DEVNULL)
    for written in os.listdir(target):
        normalise_zip(os.path.join(target, written))


def main():
    os.makedirs(OUT, exist_ok=True)
    for spec in (RECYCLING, GANGSHAN, SOP, FAQ):
        DocxWriter(copy.deepcopy(spec)).save(os.path.join(OUT, spec["file"] + ".docx"))
        OdtWriter(copy.deepcopy(spec)).save(os.path.join(OUT, spec["file"] + ".odt"))
    as_libreoffice_writes_them(spec["file"] for spec in (RECYCLING, GANGSHAN, SOP, FAQ))
    bad_inputs()
    print("wrote", OUT)


if __name__ == "__main__":
    sys.exit(main())
