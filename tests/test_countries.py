"""Countries, groups and regions (SPEC §5): names, compounds, 我が国, 同国, lists,
boundaries, and what is not a country."""
import pytest

from conftest import read_golden, recognize_rows, seed_document
from extract.recognize import countries
from extract.read.document import Document


def rows(text):
    return recognize_rows(countries, Document.from_text("t", text))


def cells(text):
    return [(r["surface"], r["code"] or r["name_ja"], r["via"]) for r in rows(text)]


def test_compounds_give_one_row_per_member_on_the_same_span():
    found = rows("日米豪印の首脳会合")
    assert [r["code"] for r in found] == ["JP", "US", "AU", "IN"]
    assert {(r["start"], r["end"], r["surface"], r["via"]) for r in found} == {(0, 4, "日米豪印", "compound")}


@pytest.mark.parametrize("text,codes", [
    ("日米", ["JP", "US"]), ("日英", ["JP", "GB"]), ("日独", ["JP", "DE"]), ("日仏", ["JP", "FR"]),
    ("日印", ["JP", "IN"]), ("日越", ["JP", "VN"]), ("日中韓", ["JP", "CN", "KR"]), ("米中", ["US", "CN"]),
    ("日・サウジ", ["JP", "SA"]), ("日EU", ["JP", "EU"]), ("日ASEAN", ["JP", "ASEAN"]),
])
def test_compounds(text, codes):
    assert [r["code"] for r in rows(text + "の協力")] == codes


def test_only_the_compound_shape_makes_a_compound():
    assert cells("在日米国商工会議所") == [("米国", "US", "name")]
    assert cells("来日した") == []
    assert cells("日本電信電話株式会社") == [("日本", "JP", "name")]


def test_names_and_their_columns():
    r = rows("米国と")[0]
    assert (r["code"], r["alpha3"], r["name_en"], r["name_ja"], r["kind"]) == \
        ("US", "USA", "United States", "アメリカ合衆国", "country")
    assert [r["code"] for r in rows("英国、イギリス、独国、ドイツ、豪州、オーストラリア、中華人民共和国、大韓民国、ヴィエトナム、UAE")] == \
        ["GB", "GB", "DE", "DE", "AU", "AU", "CN", "KR", "VN", "AE"]


def test_names_inside_longer_names():
    assert cells("タイ国家放送通信委員会") == [("タイ", "TH", "name")]
    assert cells("バイデン米国大統領") == [("米国", "US", "name")]


def test_we_and_the_same_country():
    text = "エチオピア政府から、同国の携帯電話事業について我が国企業を含む国際コンソーシアムへ…同国及びアフリカ地域へ"
    assert [(r["surface"], r["code"] or r["name_ja"], r["via"]) for r in rows(text)] == [
        ("エチオピア", "ET", "name"), ("同国", "ET", "anaphora"), ("我が国", "JP", "deictic"),
        ("同国", "ET", "anaphora"), ("アフリカ", "アフリカ", "name")]


def test_the_same_country_is_never_japan_and_needs_an_antecedent():
    assert cells("同国の事業") == []
    assert cells("日本では、同国の") == [("日本", "JP", "name")]


def test_lone_abbreviations_in_lists_and_after_tai():
    assert [r["code"] for r in rows("米、加、豪、中、韓の5か国")] == ["US", "CA", "AU", "CN", "KR"]
    assert [r["code"] for r in rows("日、米、EU、英、仏")] == ["JP", "US", "EU", "GB", "FR"]
    assert cells("対米投資") == [("米", "US", "name")]
    assert cells("対比すると") == []


@pytest.mark.parametrize("text", [
    "インド洋", "南部アフリカ", "各国", "同志国", "有志国", "途上国", "第三国", "加盟国", "議長国",
    "中国地方", "タイトル", "マリンスポーツ", "インドシナ半島", "米ドル", "参加", "中小企業", "独自", "印刷",
])
def test_not_countries(text):
    assert [r for r in rows(f"これは{text}である") if r["kind"] == "country"] == []


def test_indo_pacific_is_a_region_not_india():
    assert cells("自由で開かれたインド太平洋") == [("インド太平洋", "インド太平洋", "name")]
    assert rows("インド太平洋")[0]["kind"] == "region"


@pytest.mark.parametrize("text,code,kind", [
    ("EU", "EU", "group"), ("欧州連合", "EU", "group"), ("ASEAN", "ASEAN", "group"), ("G7", "G7", "group"),
    ("G20", "G20", "group"), ("APEC", "APEC", "group"), ("OECD", "OECD", "group"), ("クアッド", "QUAD", "group"),
    ("アフリカ", None, "region"), ("中南米", None, "region"), ("東南アジア", None, "region"), ("中東", None, "region"),
    ("欧州", None, "region"), ("アジア・太平洋", None, "region"), ("太平洋島嶼国", None, "region"),
])
def test_groups_and_regions_are_one_row(text, code, kind):
    found = rows(f"{text}との")
    assert [(r["code"], r["kind"]) for r in found] == [(code, kind)]


def test_a_new_country_name_is_one_line_of_data(tmp_path, monkeypatch):
    from extract import rules

    for f in rules.rules_dir().iterdir():
        if not f.is_file():
            continue
        (tmp_path / f.name).write_bytes(f.read_bytes())
    with open(tmp_path / "countries_ja.tsv", "a", encoding="utf-8") as f:
        f.write("SZ\tスワジランド\tvariant\n")
    monkeypatch.setenv(rules.RULES_ENV, str(tmp_path))
    for fn in (rules.load_tsv, rules.load_toml, countries.vocabulary):
        fn.cache_clear()
    try:
        assert [r["code"] for r in rows("スワジランドとの")] == ["SZ"]
    finally:
        monkeypatch.undo()
        for fn in (rules.load_tsv, rules.load_toml, countries.vocabulary):
            fn.cache_clear()


def test_the_generated_iso_file_matches_its_generator():
    """src/extract/rules/countries_iso.tsv is what scripts/generate_countries.py writes from the
    installed pycountry; a new pycountry release shows up here first."""
    import importlib.util
    from pathlib import Path

    from extract.rules import rules_dir

    path = Path(__file__).resolve().parents[1] / "scripts" / "generate_countries.py"
    spec = importlib.util.spec_from_file_location("generate_countries", path)
    generator = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(generator)
    committed = (rules_dir() / "countries_iso.tsv").read_text(encoding="utf-8").splitlines()
    fresh = generator.generate().splitlines()
    if fresh[0] != committed[0]:
        pytest.skip(f"installed pycountry differs from the file's ({committed[0]}): "
                    "run scripts/generate_countries.py and review the diff")
    assert fresh == committed


def test_offsets_point_at_the_original_text():
    text = "日米豪印の\n\n首脳会合、ｶﾅﾀﾞと我が国"
    for r in rows(text):
        assert text[r["start"]:r["end"]] == r["surface"]


def test_seed_golden():
    want = sorted((w["start"], w["end"], w["surface"], w["code"] or w["name_ja"], w["kind"], w["via"])
                  for w in read_golden("countries.tsv"))
    got = sorted((str(r["start"]), str(r["end"]), r["surface"], r["code"] or r["name_ja"], r["kind"], r["via"])
                 for r in recognize_rows(countries, seed_document()))
    assert got == want


@pytest.mark.parametrize("text,want", [
    ("ブラジル連邦共和国との", [("ブラジル連邦共和国", "BR", "name")]),
    ("エルサルバドル共和国", [("エルサルバドル共和国", "SV", "name")]),
    ("日本国及びボツワナ共和国との覚書", [("日本国", "JP", "name"), ("ボツワナ共和国", "BW", "name")]),
    ("ベトナム社会主義共和国情報通信省", [("ベトナム社会主義共和国", "VN", "name")]),
    ("シンガポール共和国との間の協定", [("シンガポール共和国", "SG", "name")]),
    ("日本国内のICT", [("日本", "JP", "name")]),
    ("米国務省", [("米", "US", "name")]),
    ("英国防省", [("英", "GB", "name")]),
    ("米国内の事業者", [("米国", "US", "name")]),
    ("中国国内", [("中国", "CN", "name")]),
    ("米国連邦通信委員会", [("米国", "US", "name")]),
])
def test_official_long_forms_and_a_final_koku_that_begins_the_next_word(text, want):
    assert cells(text) == want


@pytest.mark.parametrize("text,codes", [
    ("ヴィエトナム、ヴェトナム、ニュー・ジーランド", ["VN", "VN", "NZ"]),
    ("ノールウェー、マレイシア、大韓民国、中華人民共和国", ["NO", "MY", "KR", "CN"]),
    ("アジア・太平洋経済協力、東南アジア諸国連合、経済協力開発機構", ["APEC", "ASEAN", "OECD"]),
    ("欧州共同体との相互承認", ["EC"]),
])
def test_spellings_older_editions_use(text, codes):
    assert [r["code"] for r in rows(text)] == codes


@pytest.mark.parametrize("text,codes", [
    ("主要国(日、米、英、独、仏、伊、加、露)の比較", ["JP", "US", "GB", "DE", "FR", "IT", "CA", "RU"]),
    ("米、英、印、伊、比の5か国", ["US", "GB", "IN", "IT", "PH"]),
    ("米国及び英、独、仏", ["US", "GB", "DE", "FR"]),
    ("米及び英", ["US", "GB"]),
    ("こうした状況の中、日本政府は", ["JP"]),
    ("利用が多い中、日本方式の", ["JP"]),
    ("研究者が米国に集中スイスの", ["US", "CH"]),
])
def test_one_character_names_in_lists(text, codes):
    assert [r["code"] for r in rows(text)] == codes


@pytest.mark.parametrize("text,want", [
    ("日米欧の比較", [("日米欧", "JP"), ("日米欧", "US"), ("日米欧", "欧州")]),
    ("日中間の協力", [("日中", "JP"), ("日中", "CN")]),
    ("3月5日米国大統領と", [("米国", "US")]),
    ("期間中日本語で", []),
    ("衛星中継器を", []),
    ("参加中又は", []),
])
def test_compounds_start_only_where_a_word_does_not_end(text, want):
    assert [(r["surface"], r["code"] or r["name_ja"]) for r in rows(text)] == want


@pytest.mark.parametrize("text", [
    "NTT西日本", "東日本大震災", "9時以降18時までの日中時間帯", "日中の時間帯", "日中に利用",
    "80億香港ドル", "5,000ノルウェー・クローネ", "台湾ドル建て", "中日新聞",
])
def test_words_that_hold_a_country_but_name_none(text):
    assert rows(f"これは{text}である") == []


def test_a_link_names_no_group_and_a_latin_name_ends_where_letters_follow_digits():
    assert rows("https://legalinstruments.oecd.org/en/instruments/OECD-LEGAL-0449") == []
    assert cells("「G20AI原則」") == [("G20", "G20", "name")]
    assert cells("G77の") == []


def test_arab_is_a_region():
    assert cells("「アラブの春」、アラブ首長国連邦") == [("アラブ", "アラブ", "name"), ("アラブ首長国連邦", "AE", "name")]
