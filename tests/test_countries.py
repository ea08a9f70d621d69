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
    """rules/countries_iso.tsv is what scripts/generate_countries.py writes from the
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
