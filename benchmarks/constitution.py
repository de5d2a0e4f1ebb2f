"""The 宪法 as it stood before the 2018 and 2004 修正案, rebuilt from the corpus's current text.

The corpus holds the 宪法 as amended in 2018 (``lawrefbook/宪法/宪法.md``) and the 2018
修正案 (``宪法修正案（2018年）.md``), but not the text before it. The 修正案 quotes every
word it changes, so the text before it is the current one with each of its 21 articles
undone: ``constitution_2004(text_2018)`` makes those edits, each written out here by reading
the 修正案 (第三十二条 … 第五十二条), and each required to match exactly once. The preamble's
7th paragraph comes out as the 2004 修正案 quotes it whole (a cross-check the tests make).
``constitution_1999`` undoes the 2004 修正案 (第十八条 … 第三十一条) the same way; its 7th
paragraph is the one the 1999 修正案 quotes whole.

Applying the 2018 修正案 to this text must give the corpus's 宪法 again: that is what the
tests and ``benchmarks.published`` measure. It is test data, not a published text.
"""

from __future__ import annotations

import re

from compare.numerals import chinese_to_int, cn

HISTORY_2018 = "2018年3月11日 第十三届全国人民代表大会第一次会议通过的《中华人民共和国宪法修正案》\n\n"

# (what the 2018 text says, what it said before), each found exactly once, in this order
_UNDONE = [
    # 第三十二条: 序言第七自然段
    ("邓小平理论、“三个代表”重要思想、科学发展观、习近平新时代中国特色社会主义思想指引下",
     "邓小平理论和“三个代表”重要思想指引下"),
    ("健全社会主义法治，贯彻新发展理念，", "健全社会主义法制，"),
    ("推动物质文明、政治文明、精神文明、社会文明、生态文明协调发展，把我国建设成为富强民主文明和谐美丽的社会主义现代化强国，"
     "实现中华民族伟大复兴。", "推动物质文明、政治文明和精神文明协调发展，把我国建设成为富强、民主、文明的社会主义国家。"),
    # 第三十三条: 序言第十自然段
    ("在长期的革命、建设、改革过程中", "在长期的革命和建设过程中"),
    ("拥护社会主义的爱国者、拥护祖国统一和致力于中华民族伟大复兴的爱国者", "拥护社会主义的爱国者和拥护祖国统一的爱国者"),
    # 第三十四条, 第三十五条: 序言第十一、十二自然段
    ("平等团结互助和谐的社会主义民族关系", "平等、团结、互助的社会主义民族关系"),
    ("中国革命、建设、改革的成就", "中国革命和建设的成就"),
    ("和平共处的五项原则，坚持和平发展道路，坚持互利共赢开放战略，发展同各国的外交关系和经济、文化交流，推动构建人类命运共同体；",
     "和平共处的五项原则，发展同各国的外交关系和经济、文化的交流；"),
    # 第三十六条 … 第三十九条
    ("社会主义制度是中华人民共和国的根本制度。中国共产党领导是中国特色社会主义最本质的特征。",
     "社会主义制度是中华人民共和国的根本制度。"),
    ("国家行政机关、监察机关、审判机关、检察机关都由人民代表大会产生", "国家行政机关、审判机关、检察机关都由人民代表大会产生"),
    ("维护和发展各民族的平等团结互助和谐关系", "维护和发展各民族的平等、团结、互助关系"),
    ("国家倡导社会主义核心价值观，提倡爱祖国", "国家提倡爱祖国"),
    # 第四十条: 第二十七条第三款 added
    ("\n\n国家工作人员就职时应当依照法律规定公开进行宪法宣誓。", ""),
    # 第四十一条, 第四十二条: items added (the later items renumbered below)
    ("\n\n（七）选举国家监察委员会主任；", ""),
    ("\n\n（四）国家监察委员会主任；", ""),
    # 第四十三条, 第四十四条
    ("不得担任国家行政机关、监察机关、审判机关和检察机关的职务。\n\n第六十六条",
     "不得担任国家行政机关、审判机关和检察机关的职务。\n\n第六十六条"),
    ("监督国务院、中央军事委员会、国家监察委员会、最高人民法院和最高人民检察院的工作", "监督国务院、中央军事委员会、最高人民法院和最高人民检察院的工作"),
    ("\n\n（十一）根据国家监察委员会主任的提请，任免国家监察委员会副主任、委员；", ""),
    ("民族委员会、宪法和法律委员会、财政经济委员会", "民族委员会、法律委员会、财政经济委员会"),
    # 第四十五条, 第四十六条
    ("中华人民共和国主席、副主席每届任期同全国人民代表大会每届任期相同。",
     "中华人民共和国主席、副主席每届任期同全国人民代表大会每届任期相同，连续任职不得超过两届。"),
    ("（六）领导和管理经济工作和城乡建设、生态文明建设；", "（六）领导和管理经济工作和城乡建设；"),
    ("（八）领导和管理民政、公安、司法行政等工作；", "（八）领导和管理民政、公安、司法行政和监察等工作；"),
    # 第四十七条: 第一百条第二款 added
    ("\n\n设区的市的人民代表大会和它们的常务委员会，在不同宪法、法律、行政法规和本省、自治区的地方性法规相抵触的前提下，"
     "可以依照法律规定制定地方性法规，报本省、自治区人民代表大会常务委员会批准后施行。", ""),
    # 第四十八条 … 第五十一条
    ("罢免本级监察委员会主任、本级人民法院院长", "罢免本级人民法院院长"),
    ("不得担任国家行政机关、监察机关、审判机关和检察机关的职务。\n\n第一百零四条",
     "不得担任国家行政机关、审判机关和检察机关的职务。\n\n第一百零四条"),
    ("监督本级人民政府、监察委员会、人民法院和人民检察院的工作", "监督本级人民政府、人民法院和人民检察院的工作"),
    ("民族事务、司法行政、计划生育等行政工作", "民族事务、司法行政、监察、计划生育等行政工作"),
]

HISTORY_2004 = "2004年3月14日 第十届全国人民代表大会第二次会议通过的《中华人民共和国宪法修正案》\n\n"

# The 2004 修正案 (第十八条 … 第三十一条) undone on the text it made
_UNDONE_2004 = [
    ("邓小平理论和“三个代表”重要思想指引下", "邓小平理论指引下"),
    ("沿着中国特色社会主义道路", "沿着建设有中国特色社会主义的道路"),
    ("科学技术的现代化，推动物质文明、政治文明和精神文明协调发展，", "科学技术的现代化，"),
    ("包括全体社会主义劳动者、社会主义事业的建设者、拥护社会主义的爱国者", "包括全体社会主义劳动者、拥护社会主义的爱国者"),
    ("可以依照法律规定对土地实行征收或者征用并给予补偿。", "可以依照法律规定对土地实行征用。"),
    ("国家保护个体经济、私营经济等非公有制经济的合法的权利和利益。国家鼓励、支持和引导非公有制经济的发展，"
     "并对非公有制经济依法实行监督和管理。", "国家保护个体经济、私营经济的合法的权利和利益。国家对个体经济、私营经济实行引导、监督和管理。"),
    ("公民的合法的私有财产不受侵犯。\n\n国家依照法律规定保护公民的私有财产权和继承权。\n\n"
     "国家为了公共利益的需要，可以依照法律规定对公民的私有财产实行征收或者征用并给予补偿。",
     "国家保护公民的合法的收入、储蓄、房屋和其他合法财产的所有权。\n\n国家依照法律规定保护公民的私有财产的继承权。"),
    ("\n\n国家建立健全同经济发展水平相适应的社会保障制度。", ""),
    ("\n\n国家尊重和保障人权。", ""),
    ("由省、自治区、直辖市、特别行政区和军队选出的代表组成", "由省、自治区、直辖市和军队选出的代表组成"),
    ("（二十）决定全国或者个别省、自治区、直辖市进入紧急状态", "（二十）决定全国或者个别省、自治区、直辖市的戒严"),
    ("发布特赦令，宣布进入紧急状态，", "发布特赦令，发布戒严令，"),
    ("代表中华人民共和国，进行国事活动，接受外国使节", "代表中华人民共和国，接受外国使节"),
    ("（十六）依照法律规定决定省、自治区、直辖市的范围内部分地区进入紧急状态", "（十六）决定省、自治区、直辖市的范围内部分地区的戒严"),
    ("第九十八条 地方各级人民代表大会每届任期五年。", "第九十八条 省、直辖市、县、市、市辖区的人民代表大会每届任期五年。乡、民族乡、镇的人民代表大会每届任期三年。"),
    ("第四章 国旗、国歌、国徽、首都", "第四章 国旗、国徽、首都"),
    ("\n\n中华人民共和国国歌是《义勇军进行曲》。", ""),
]

# 第四十一条, 第四十二条, 第四十四条: the items after an added one, numbered back
_ITEMS_RENUMBERED = [("第六十二条", 8, 16), ("第六十三条", 5, 6), ("第六十七条", 12, 22)]


def constitution_2004(text_2018: str) -> str:
    """The corpus's 宪法 (as of 2018) with the 2018 修正案 undone."""
    text = _once(text_2018, HISTORY_2018, "")
    for now, before in _UNDONE:
        text = _once(text, now, before)
    for article, first, last in _ITEMS_RENUMBERED:
        text = _items_back(text, article, first, last)
    return _section_removed(text)


def constitution_1999(text_2004: str) -> str:
    """``constitution_2004``'s text with the 2004 修正案 undone as well."""
    text = _once(text_2004, HISTORY_2004, "")
    for now, before in _UNDONE_2004:
        text = _once(text, now, before)
    return text


def _once(text: str, old: str, new: str) -> str:
    if text.count(old) != 1:
        raise ValueError(f"expected once, found {text.count(old)} times: {old[:40]}")
    return text.replace(old, new)


def _items_back(text: str, article: str, first: int, last: int) -> str:
    """Items （first）…（last） of ``article`` numbered one lower."""
    start = text.index(f"\n{article} ")
    end = text.index("\n第", start + 1)
    body = text[start:end]
    for n in range(first, last + 1):
        body = _once(body, f"\n（{cn(n)}）", f"\n（{cn(n - 1)}）")
    return text[:start] + body + text[end:]


def _section_removed(text: str) -> str:
    """第五十二条: the section 第七节 监察委员会 (第一百二十三条 to 第一百二十七条) taken out,
    the later articles numbered five lower and 第八节 becoming 第七节 again."""
    start = text.index("### 第七节 监察委员会")
    end = text.index("### 第八节 人民法院和人民检察院")
    text = text[:start] + "### 第七节 人民法院和人民检察院" + text[end + len("### 第八节 人民法院和人民检察院"):]

    def back(m: re.Match[str]) -> str:
        n = chinese_to_int(m.group(1)) or 0
        return f"\n第{cn(n - 5)}条 " if n >= 128 else m.group(0)

    return re.sub(r"\n第([一二三四五六七八九十百零]+)条 ", back, text)
