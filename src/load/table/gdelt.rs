//! GDELT event exports, read with no questions asked.
//!
//! GDELT 1.0 files are tab-separated without a header: 57 columns up to March 2013 and
//! 58 after (the source URL was added), mixed within one file when files are joined;
//! GDELT 2.0 files have 61 (ADM2 codes for the three places, and `DATEADDED` with a
//! time). Each row's layout is told by its number of columns. Codes stay text, leading
//! zeros and all (`EventCode` `0411`).
//!
//! Besides its own columns, a GDELT row offers derived ones a mapping can use:
//! `EventRootName` (the CAMEO root's name, "Consult"), `EventRoot` ("04 Consult", the
//! default lane, sorted by code), `QuadClassName` ("Verbal cooperation"), `Actor1` and
//! `Actor2` (the names in title case) and `Kind` (Claimline's kind of event).

use super::mapping::{Key, MappingSpec};

/// GDELT 1.0 columns; rows from April 2013 on add `SOURCEURL` as a 58th.
pub const V1_COLUMNS: [&str; 58] = [
    "GLOBALEVENTID",
    "SQLDATE",
    "MonthYear",
    "Year",
    "FractionDate",
    "Actor1Code",
    "Actor1Name",
    "Actor1CountryCode",
    "Actor1KnownGroupCode",
    "Actor1EthnicCode",
    "Actor1Religion1Code",
    "Actor1Religion2Code",
    "Actor1Type1Code",
    "Actor1Type2Code",
    "Actor1Type3Code",
    "Actor2Code",
    "Actor2Name",
    "Actor2CountryCode",
    "Actor2KnownGroupCode",
    "Actor2EthnicCode",
    "Actor2Religion1Code",
    "Actor2Religion2Code",
    "Actor2Type1Code",
    "Actor2Type2Code",
    "Actor2Type3Code",
    "IsRootEvent",
    "EventCode",
    "EventBaseCode",
    "EventRootCode",
    "QuadClass",
    "GoldsteinScale",
    "NumMentions",
    "NumSources",
    "NumArticles",
    "AvgTone",
    "Actor1Geo_Type",
    "Actor1Geo_FullName",
    "Actor1Geo_CountryCode",
    "Actor1Geo_ADM1Code",
    "Actor1Geo_Lat",
    "Actor1Geo_Long",
    "Actor1Geo_FeatureID",
    "Actor2Geo_Type",
    "Actor2Geo_FullName",
    "Actor2Geo_CountryCode",
    "Actor2Geo_ADM1Code",
    "Actor2Geo_Lat",
    "Actor2Geo_Long",
    "Actor2Geo_FeatureID",
    "ActionGeo_Type",
    "ActionGeo_FullName",
    "ActionGeo_CountryCode",
    "ActionGeo_ADM1Code",
    "ActionGeo_Lat",
    "ActionGeo_Long",
    "ActionGeo_FeatureID",
    "DATEADDED",
    "SOURCEURL",
];

/// GDELT 2.0 columns.
pub const V2_COLUMNS: [&str; 61] = [
    "GLOBALEVENTID",
    "SQLDATE",
    "MonthYear",
    "Year",
    "FractionDate",
    "Actor1Code",
    "Actor1Name",
    "Actor1CountryCode",
    "Actor1KnownGroupCode",
    "Actor1EthnicCode",
    "Actor1Religion1Code",
    "Actor1Religion2Code",
    "Actor1Type1Code",
    "Actor1Type2Code",
    "Actor1Type3Code",
    "Actor2Code",
    "Actor2Name",
    "Actor2CountryCode",
    "Actor2KnownGroupCode",
    "Actor2EthnicCode",
    "Actor2Religion1Code",
    "Actor2Religion2Code",
    "Actor2Type1Code",
    "Actor2Type2Code",
    "Actor2Type3Code",
    "IsRootEvent",
    "EventCode",
    "EventBaseCode",
    "EventRootCode",
    "QuadClass",
    "GoldsteinScale",
    "NumMentions",
    "NumSources",
    "NumArticles",
    "AvgTone",
    "Actor1Geo_Type",
    "Actor1Geo_FullName",
    "Actor1Geo_CountryCode",
    "Actor1Geo_ADM1Code",
    "Actor1Geo_ADM2Code",
    "Actor1Geo_Lat",
    "Actor1Geo_Long",
    "Actor1Geo_FeatureID",
    "Actor2Geo_Type",
    "Actor2Geo_FullName",
    "Actor2Geo_CountryCode",
    "Actor2Geo_ADM1Code",
    "Actor2Geo_ADM2Code",
    "Actor2Geo_Lat",
    "Actor2Geo_Long",
    "Actor2Geo_FeatureID",
    "ActionGeo_Type",
    "ActionGeo_FullName",
    "ActionGeo_CountryCode",
    "ActionGeo_ADM1Code",
    "ActionGeo_ADM2Code",
    "ActionGeo_Lat",
    "ActionGeo_Long",
    "ActionGeo_FeatureID",
    "DATEADDED",
    "SOURCEURL",
];

/// The derived columns every GDELT row offers after its own.
pub const DERIVED: [&str; 6] = [
    "EventRootName",
    "EventRoot",
    "QuadClassName",
    "Actor1",
    "Actor2",
    "Kind",
];

/// The CAMEO root codes' names, 01 to 20.
pub const CAMEO_ROOTS: [&str; 20] = [
    "Make public statement",
    "Appeal",
    "Express intent to cooperate",
    "Consult",
    "Engage in diplomatic cooperation",
    "Engage in material cooperation",
    "Provide aid",
    "Yield",
    "Investigate",
    "Demand",
    "Disapprove",
    "Reject",
    "Threaten",
    "Protest",
    "Exhibit force posture",
    "Reduce relations",
    "Coerce",
    "Assault",
    "Fight",
    "Use unconventional mass violence",
];

/// The QuadClass names, 1 to 4.
pub const QUAD_CLASSES: [&str; 4] = [
    "Verbal cooperation",
    "Material cooperation",
    "Verbal conflict",
    "Material conflict",
];

/// The layouts GDELT rows come in.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Variant {
    /// GDELT 1.0 before April 2013: 57 columns, no source URL.
    V1Historical,
    /// GDELT 1.0 daily files: 58 columns.
    V1Daily,
    /// GDELT 2.0: 61 columns.
    V2,
}

impl Variant {
    /// Every variant, in the order [`variant_for`] indexes them.
    pub const ALL: [Self; 3] = [Self::V1Historical, Self::V1Daily, Self::V2];

    /// The variant of a row with this many columns.
    pub fn for_columns(count: usize) -> Option<Self> {
        match count {
            57 => Some(Self::V1Historical),
            58 => Some(Self::V1Daily),
            61 => Some(Self::V2),
            _ => None,
        }
    }

    /// The row's own columns.
    pub fn columns(self) -> &'static [&'static str] {
        match self {
            Self::V1Historical => &V1_COLUMNS[..57],
            Self::V1Daily => &V1_COLUMNS,
            Self::V2 => &V2_COLUMNS,
        }
    }

    /// The row's own columns, then the derived ones.
    pub fn names(self) -> Vec<String> {
        self.columns()
            .iter()
            .chain(DERIVED.iter())
            .map(|s| (*s).to_owned())
            .collect()
    }

    /// Position of a named column of this variant.
    fn at(self, name: &str) -> usize {
        self.columns().iter().position(|c| *c == name).unwrap_or(0)
    }
}

/// True when the first row's cells look like a GDELT event row: 57, 58 or 61 of them,
/// a numeric event id and an eight-digit `SQLDATE`.
pub fn looks_like_row(cells: &[&str]) -> bool {
    Variant::for_columns(cells.len()).is_some()
        && cells[0].bytes().all(|b| b.is_ascii_digit())
        && !cells[0].is_empty()
        && cells[1].len() == 8
        && cells[1].bytes().all(|b| b.is_ascii_digit())
}

/// True when the cells are GDELT's column names (a header some exports add).
pub fn looks_like_header(cells: &[&str]) -> bool {
    cells.len() >= 2
        && cells[0].eq_ignore_ascii_case("GLOBALEVENTID")
        && cells[1].eq_ignore_ascii_case("SQLDATE")
}

/// The mapping used for GDELT files: see the README's GDELT section.
pub fn default_mapping() -> MappingSpec {
    let mut spec = MappingSpec {
        header: Some(false),
        ..MappingSpec::default()
    };
    for (key, value) in [
        (Key::Id, "GLOBALEVENTID"),
        (Key::Date, "SQLDATE"),
        (Key::Title, "{EventRootName}: {Actor1} → {Actor2}"),
        (
            Key::Summary,
            "CAMEO event {EventCode}, {QuadClassName}. Goldstein scale {GoldsteinScale}; {NumMentions} mentions in {NumSources} sources; average tone {AvgTone}.",
        ),
        (Key::Kind, "Kind"),
        (Key::Actors, "Actor1+Actor2"),
        (Key::Lane, "EventRoot"),
        (Key::Place, "ActionGeo_FullName"),
        (Key::Lat, "ActionGeo_Lat"),
        (Key::Lon, "ActionGeo_Long"),
        (Key::Url, "SOURCEURL"),
    ] {
        spec.set(key, value);
    }
    spec
}

/// The value of derived column `which` (an index into [`DERIVED`]) for a row.
pub fn derived(variant: Variant, cells: &[&str], which: usize) -> String {
    let cell = |name: &str| cells.get(variant.at(name)).copied().unwrap_or("");
    match DERIVED.get(which).copied() {
        Some("EventRootName") => root_name(cell("EventRootCode"))
            .unwrap_or_default()
            .to_owned(),
        Some("EventRoot") => {
            let code = cell("EventRootCode");
            match root_name(code) {
                Some(name) => format!("{code:0>2} {name}"),
                None => code.to_owned(),
            }
        }
        Some("QuadClassName") => cell("QuadClass")
            .parse::<usize>()
            .ok()
            .and_then(|q| QUAD_CLASSES.get(q.wrapping_sub(1)))
            .copied()
            .unwrap_or_default()
            .to_owned(),
        Some("Actor1") => title_case(cell("Actor1Name")),
        Some("Actor2") => title_case(cell("Actor2Name")),
        Some("Kind") => kind_label(cell("EventCode"), cell("QuadClass")).to_owned(),
        _ => String::new(),
    }
}

/// The CAMEO root's name for a code ("04" or "4").
pub fn root_name(code: &str) -> Option<&'static str> {
    let n: usize = code.trim().parse().ok()?;
    CAMEO_ROOTS.get(n.checked_sub(1)?).copied()
}

/// Claimline's kind of event for a CAMEO event code: a telephone discussion is a phone
/// call, visits and negotiations are meetings, declining to comment is "no comment",
/// denying responsibility a denial, other verbal events statements.
pub fn kind_label(code: &str, quad_class: &str) -> &'static str {
    let code = code.trim();
    if code.starts_with("011") {
        "No comment"
    } else if code.starts_with("016") {
        "Denial"
    } else if code.starts_with("041") {
        "Phone call"
    } else if ["042", "043", "044", "045", "046"]
        .iter()
        .any(|p| code.starts_with(p))
    {
        "Meeting"
    } else if code.starts_with("01") || matches!(quad_class.trim(), "1" | "3") {
        "Statement"
    } else {
        "Other"
    }
}

/// "UNITED STATES" → "United States", "BANK OF ENGLAND" → "Bank of England".
pub fn title_case(name: &str) -> String {
    const SMALL: [&str; 8] = ["of", "the", "and", "for", "in", "on", "at", "de"];
    let mut out = String::with_capacity(name.len());
    for (i, word) in name.split_whitespace().enumerate() {
        if i > 0 {
            out.push(' ');
        }
        let lower = word.to_lowercase();
        if i > 0 && SMALL.contains(&lower.as_str()) {
            out.push_str(&lower);
            continue;
        }
        let mut chars = lower.chars();
        if let Some(first) = chars.next() {
            out.extend(first.to_uppercase());
            out.push_str(chars.as_str());
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn layouts_are_told_by_their_column_count() {
        assert_eq!(Variant::for_columns(57), Some(Variant::V1Historical));
        assert_eq!(Variant::for_columns(58), Some(Variant::V1Daily));
        assert_eq!(Variant::for_columns(61), Some(Variant::V2));
        assert_eq!(Variant::for_columns(60), None);
        assert_eq!(Variant::V2.at("SOURCEURL"), 60);
        assert_eq!(Variant::V1Daily.at("SOURCEURL"), 57);
        assert_eq!(Variant::V1Historical.at("ActionGeo_FullName"), 50);
        assert_eq!(Variant::V2.at("ActionGeo_FullName"), 52);
        assert_eq!(Variant::V2.at("DATEADDED"), 59);
    }

    #[test]
    fn derived_columns_name_codes() {
        let mut cells = vec![""; 61];
        cells[26] = "0411";
        cells[28] = "04";
        cells[29] = "1";
        cells[6] = "VLADIMIR PUTIN";
        cells[16] = "BANK OF ENGLAND";
        let d = |w| derived(Variant::V2, &cells, w);
        assert_eq!(d(0), "Consult");
        assert_eq!(d(1), "04 Consult");
        assert_eq!(d(2), "Verbal cooperation");
        assert_eq!(d(3), "Vladimir Putin");
        assert_eq!(d(4), "Bank of England");
        assert_eq!(d(5), "Phone call");
        assert_eq!(root_name("20"), Some("Use unconventional mass violence"));
        assert_eq!(root_name("21"), None);
        assert_eq!(root_name("0"), None);
        assert_eq!(kind_label("190", "4"), "Other");
        assert_eq!(kind_label("120", "3"), "Statement");
    }
}
