//! `Gazetteer::mentions`: many small cases in English, zh-Hant and zh-Hans.

use crate::check;
use softbalance_gazetteer::{gazetteer, AliasKind};

#[test]
fn english_names_and_abbreviations() {
    check("The United States and China agreed.", "United States=USA China=CHN");
    check("The U.S. imposed export controls on the PRC.", "U.S.=USA PRC=CHN");
    check("US officials met EU counterparts", "US=USA EU=EU");
    check("USA", "USA=USA");
    check("America first", "America=USA");
    check("American and Chinese diplomats", "American=USA Chinese=CHN");
    check("Americans", "Americans=USA");
    check("People's Republic of China", "People's Republic of China=CHN");
    check("the Russian Federation", "Russian Federation=RUS");
    check("the UK and France", "UK=GBR France=FRA");
    check("Britain's decision", "Britain=GBR");
}

#[test]
fn us_the_word_is_not_the_country() {
    check("let us talk", "");
    check("Tell us about it.", "");
    check("us", "");
    check("u.s.", "");
    check("US-China trade", "US=USA China=CHN");
    check("Sino-US ties", "US=USA");
}

#[test]
fn capitals_and_metonyms_in_english() {
    check("Washington and Beijing", "Washington=USA Beijing=CHN");
    check("the White House said", "White House=USA");
    check("The Pentagon and the Kremlin", "Pentagon=USA Kremlin=RUS");
    check("Brussels responded", "Brussels=EU");
    check("Moscow and Tokyo", "Moscow=RUS Tokyo=JPN");
    check("officials in Seoul and Pyongyang", "Seoul=KOR Pyongyang=PRK");
    check("Taipei protested", "Taipei=TWN");
    check("New Delhi and Canberra", "New Delhi=IND Canberra=AUS");
    check("Downing Street", "Downing Street=GBR");
    check("Zhongnanhai", "Zhongnanhai=CHN");
}

#[test]
fn china_taiwan_korea() {
    check("the Republic of China", "Republic of China=TWN");
    check("the People's Republic of China", "People's Republic of China=CHN");
    // Typographic apostrophes (as news sites write them) fold to ' for matching; the mention
    // keeps the original text.
    check("the People\u{2019}s Republic of China", "People\u{2019}s Republic of China=CHN");
    check("the People\u{02BC}s Republic of China", "People\u{02BC}s Republic of China=CHN");
    check("Taiwan and China", "Taiwan=TWN China=CHN");
    check("Chinese Taipei", "Chinese Taipei=TWN");
    check("Korea", "");
    check("South Korea and North Korea", "South Korea=KOR North Korea=PRK");
    check("the Korean Peninsula", "");
    check("Republic of Korea", "Republic of Korea=KOR");
    check("DPRK", "DPRK=PRK");
}

#[test]
fn latin_word_boundaries_and_case() {
    check("Chinas", "");
    check("Indiana", "");
    check("Indian Ocean", "");
    check("Indian and Japanese navies", "Indian=IND Japanese=JPN");
    check("turkey dinner", "");
    check("Turkey", "Turkey=TUR");
    check("CHINA SAYS", "CHINA=CHN");
    check("china", "");
    check("Nigeria and Niger", "Nigeria=NGA Niger=NER");
    check("South Sudan and Sudan", "South Sudan=SSD Sudan=SDN");
    check("Dominican Republic and Dominica", "Dominican Republic=DOM Dominica=DMA");
    check("Papua New Guinea, Guinea-Bissau, Guinea", "Papua New Guinea=PNG Guinea-Bissau=GNB Guinea=GIN");
    check("Latin American states", "");
    check("Georgia", "Georgia=GEO");
    check("the Washington Post reported", "");
}

#[test]
fn groups_in_english() {
    check("the G7 and the G20", "G7=G7 G20=G20");
    check("NATO allies", "NATO=NATO");
    check("the Quad summit", "Quad=QUAD");
    check("a quad bike", "");
    check("AUKUS", "AUKUS=AUKUS");
    check("ASEAN members", "ASEAN=ASEAN");
    check("the United Nations and the UN Security Council", "United Nations=UN UN Security Council=UN");
    check("the OECD AI Principles", "OECD=OECD");
    check("the WHO said", "WHO=WHO");
    check("who said", "");
    check("GPAI", "GPAI=GPAI");
    check("the European Union", "European Union=EU");
    check("the European Commission", "European Commission=EU");
}

#[test]
fn traditional_chinese() {
    check("美國與中國", "美國=USA 中國=CHN");
    check("華府與北京", "華府=USA 北京=CHN");
    check("華盛頓", "華盛頓=USA");
    check("白宮表示", "白宮=USA");
    check("中共", "中共=CHN");
    check("東京", "東京=JPN");
    check("歐盟與布魯塞爾", "歐盟=EU 布魯塞爾=EU");
    check("俄羅斯與莫斯科", "俄羅斯=RUS 莫斯科=RUS");
    check("克里姆林宮", "克里姆林宮=RUS");
    check("臺灣與台灣", "臺灣=TWN 台灣=TWN");
    check("中華民國", "中華民國=TWN");
    check("中華人民共和國", "中華人民共和國=CHN");
    check("北韓與南韓", "北韓=PRK 南韓=KOR");
    check("日本、澳洲、印度", "日本=JPN 澳洲=AUS 印度=IND");
    check("北約", "北約=NATO");
    check("七國集團", "七國集團=G7");
    check("經合組織", "經合組織=OECD");
    check("義大利", "義大利=ITA");
}

#[test]
fn simplified_chinese() {
    check("美国与中国", "美国=USA 中国=CHN");
    check("华府与北京", "华府=USA 北京=CHN");
    check("华盛顿", "华盛顿=USA");
    check("白宫", "白宫=USA");
    check("东京", "东京=JPN");
    check("欧盟与布鲁塞尔", "欧盟=EU 布鲁塞尔=EU");
    check("俄罗斯", "俄罗斯=RUS");
    check("克里姆林宫", "克里姆林宫=RUS");
    check("台湾", "台湾=TWN");
    check("朝鲜与韩国", "朝鲜=PRK 韩国=KOR");
    check("澳大利亚", "澳大利亚=AUS");
    check("意大利", "意大利=ITA");
    check("北约", "北约=NATO");
    check("七国集团", "七国集团=G7");
    check("二十国集团", "二十国集团=G20");
    check("东盟", "东盟=ASEAN");
    check("美日印澳", "美日印澳=QUAD");
}

#[test]
fn chinese_blockers_and_longest() {
    check("印度尼西亚", "印度尼西亚=IDN");
    check("印度洋", "");
    check("朝鲜半岛", "");
    check("南中國海", "");
    check("内蒙古", "");
    check("中非共和國", "中非共和國=CAF");
}

#[test]
fn mixed_languages_and_width() {
    check("ＵＳ與中國", "ＵＳ=USA 中國=CHN");
    check("美国和US", "美国=USA US=USA");
    check("在US的", "US=USA");
}

#[test]
fn offsets_point_into_the_original_text() {
    let text = "ＵＳ與中國 and the E.U.";
    for m in gazetteer().mentions(text) {
        assert_eq!(&text[m.start..m.end], m.alias);
    }
    let m = &gazetteer().mentions("昨日華府宣布")[0];
    assert_eq!((m.start, m.end, m.code.as_str()), (6, 12, "USA"));
    assert_eq!(m.alias_kind, AliasKind::Capital);
}

#[test]
fn alias_kinds() {
    let kinds: Vec<AliasKind> = gazetteer()
        .mentions("the United States, American, Washington, the White House, US")
        .iter()
        .map(|m| m.alias_kind)
        .collect();
    assert_eq!(
        kinds,
        [AliasKind::Name, AliasKind::Demonym, AliasKind::Capital, AliasKind::Metonym, AliasKind::Abbrev]
    );
}

#[test]
fn chinese_false_friends_are_blocked() {
    check("其中方案", "");
    check("以方便民眾", "");
    check("越方便越好", "");
    check("平台方面", "");
    check("新方法", "");
    check("增加纳税人", "");
    check("包罗万象", "");
    check("孟加拉湾", "");
    check("美方與中方", "美方=USA 中方=CHN");
    check("俄方表示", "俄方=RUS");
    check("日方和韓方", "日方=JPN 韓方=KOR");
}

#[test]
fn institutions() {
    check("the Oval Office", "Oval Office=USA");
    check("國台辦", "國台辦=CHN");
    check("陸委會", "陸委會=TWN");
    check("the PLA Navy", "PLA=CHN");
    check("plain text", "");
}

/// Throughput guard: the coder calls `mentions` tens of thousands of times per second. Only
/// measured when GAZETTEER_BENCH is set (timings in a shared debug build are noise).
#[test]
fn throughput() {
    if std::env::var_os("GAZETTEER_BENCH").is_none() {
        return;
    }
    let texts = [
        "The United States and Japan agreed to coordinate export controls on China's semiconductor industry.",
        "美國與日本同意協調對中國半導體產業的出口管制，歐盟表示關切。",
        "美国与日本同意协调对中国半导体产业的出口管制，欧盟表示关切。",
    ];
    let g = gazetteer();
    let n = 30_000;
    let t = std::time::Instant::now();
    let mut total = 0;
    for i in 0..n {
        total += g.mentions(texts[i % 3]).len();
    }
    let per_sec = n as f64 / t.elapsed().as_secs_f64();
    eprintln!("mentions: {per_sec:.0} calls/s ({total} mentions)");
}

#[test]
fn chinese_compound_abbreviations() {
    check("中美關係", "中=CHN 美=USA");
    check("美中貿易戰", "美=USA 中=CHN");
    check("日美安保條約", "日=JPN 美=USA");
    check("美日韓峰會", "美=USA 日=JPN 韓=KOR");
    check("中俄联合声明", "中=CHN 俄=RUS");
    check("以巴衝突", "以=ISR 巴=PSE");
    check("印巴边境", "印=IND 巴=PAK");
    check("中美洲", "");
    check("其中美國", "美國=USA");
    check("其中日本", "日本=JPN");
    check("美中不足", "");
    check("舞台美術", "");
    check("訪華", "華=CHN");
    check("對美出口", "美=USA");
    check("对华为", "");
    check("中資企業", "中=CHN");
}

#[test]
fn chinese_enumerations() {
    check("美、英、蘇在莫斯科簽署", "美=USA 英=GBR 蘇=SUN 莫斯科=RUS");
    check("與中、韓領袖", "中=CHN 韓=KOR");
    check("印度與美、日、澳官員", "印度=IND 美=USA 日=JPN 澳=AUS");
    check("政治、法律", "");
    check("美、", "");
}

#[test]
fn leaders_stand_for_their_states() {
    check("Biden and Xi met in Woodside", "Biden=USA Xi=CHN");
    check("Putin and Medvedev", "Putin=RUS Medvedev=RUS");
    check("Xi'an", "");
    check("Gorbachev", "Gorbachev=SUN");
    check("Boris Johnson and Lyndon Johnson", "Boris Johnson=GBR Lyndon Johnson=USA");
    check("Johnson", "");
    check("拜登與習近平", "拜登=USA 習近平=CHN");
    check("普京和泽连斯基", "普京=RUS 泽连斯基=UKR");
    check("川普與蔡英文", "川普=USA 蔡英文=TWN");
    check("克里米亚", "");
}

#[test]
fn historical_names() {
    check("the Soviet Union and the USSR", "Soviet Union=SUN USSR=SUN");
    check("East Germany and West Germany", "East Germany=DDR West Germany=DEU");
    check("the Ottoman Empire", "Ottoman Empire=TUR");
    check("Prussia", "Prussia=DEU");
    check("the Common Market", "Common Market=EU");
    check("蘇聯與東德", "蘇聯=SUN 東德=DDR");
    check("南斯拉夫", "南斯拉夫=YUG");
    check("Austria-Hungary", "");
}
