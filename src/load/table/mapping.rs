//! Which column of a table holds what: a mapping as the user writes it (`--map
//! KEY=COLUMN`, a mapping file, the app's form), the mapping guessed from a header, and
//! the same resolved to column positions.
//!
//! A COLUMN is a header name (`Headline`) or a 1-based number (`3`). `title` and
//! `summary` also take templates (`{Actor1Name} → {Actor2Name}`, `{1} {2}`), and
//! `actors` several columns joined with `+` (`Actor1Name+Actor2Name`).

use std::fmt;

use serde::{Deserialize, Serialize};

/// What a column can give an event.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Key {
    /// When it happened (or began).
    Date,
    /// When it ended.
    End,
    /// A short title (a column or a template).
    Title,
    /// A few sentences (a column or a template).
    Summary,
    /// What sort of event ("meeting", "phone call", …).
    Kind,
    /// How well it is established ("confirmed", "reported", …).
    Status,
    /// Who took part (columns joined with `+`; a cell may list several, split by `;`).
    Actors,
    /// The lane it is drawn in.
    Lane,
    /// Where it happened.
    Place,
    /// The latitude of where it happened, in degrees.
    Lat,
    /// The longitude of where it happened, in degrees.
    Lon,
    /// The address of the report it comes from.
    Url,
    /// A unique id.
    Id,
}

impl Key {
    /// Every key, in the order forms and messages list them.
    pub const ALL: [Self; 13] = [
        Self::Date,
        Self::End,
        Self::Title,
        Self::Summary,
        Self::Kind,
        Self::Status,
        Self::Actors,
        Self::Lane,
        Self::Place,
        Self::Lat,
        Self::Lon,
        Self::Url,
        Self::Id,
    ];

    /// The key's name as `--map` takes it.
    pub fn name(self) -> &'static str {
        match self {
            Self::Date => "date",
            Self::End => "end",
            Self::Title => "title",
            Self::Summary => "summary",
            Self::Kind => "kind",
            Self::Status => "status",
            Self::Actors => "actors",
            Self::Lane => "lane",
            Self::Place => "place",
            Self::Lat => "lat",
            Self::Lon => "lon",
            Self::Url => "url",
            Self::Id => "id",
        }
    }

    /// The key named `name` (case-insensitive).
    pub fn from_name(name: &str) -> Option<Self> {
        Self::ALL
            .into_iter()
            .find(|k| k.name().eq_ignore_ascii_case(name.trim()))
    }

    /// What the key takes, for help texts and the form.
    pub fn takes(self) -> &'static str {
        match self {
            Self::Title | Self::Summary => "a column or a template such as {1} {2}",
            Self::Actors => "columns joined with +",
            _ => "a column",
        }
    }

    /// True for the keys that take templates.
    pub fn takes_template(self) -> bool {
        matches!(self, Self::Title | Self::Summary)
    }

    /// Header names (compared without case, spaces, `_` or `-`) that mean this key
    /// when a table comes without a mapping.
    fn synonyms(self) -> &'static [&'static str] {
        match self {
            Self::Date => &[
                "date",
                "startdate",
                "start",
                "eventdate",
                "day",
                "sqldate",
                "when",
                "datetime",
                "timestamp",
                "occurred",
                "occurredon",
                "incidentdate",
            ],
            Self::End => &["end", "enddate", "until", "to"],
            Self::Title => &[
                "title",
                "headline",
                "event",
                "eventtitle",
                "name",
                "subject",
                "what",
                "eventtext",
            ],
            Self::Summary => &[
                "summary",
                "description",
                "briefdescription",
                "shortdescription",
                "eventdescription",
                "incidentdescription",
                "narrative",
                "notes",
                "note",
                "text",
                "details",
                "body",
            ],
            Self::Kind => &["kind", "eventkind"],
            Self::Status => &["status", "verification", "verified"],
            Self::Actors => &["actors", "actor", "participants", "who", "people"],
            Self::Lane => &[
                "lane",
                "group",
                "eventgroup",
                "category",
                "eventcategory",
                "eventtype",
                "type",
                "topic",
                "theme",
            ],
            Self::Place => &[
                "place",
                "location",
                "city",
                "town/city",
                "town",
                "locality",
                "municipality",
                "village",
                "neighborhood",
                "neighbourhood",
                "where",
                "admin2",
                "admin1",
                "region",
                "province",
                "country",
            ],
            Self::Lat => &["lat", "latitude", "actiongeolat", "geolat"],
            Self::Lon => &[
                "lon",
                "long",
                "lng",
                "longitude",
                "actiongeolong",
                "geolong",
                "geolon",
            ],
            Self::Url => &["url", "link", "sourceurl", "href", "sourcelink"],
            Self::Id => &["id", "eventid", "uid", "eventidcnty", "globaleventid"],
        }
    }
}

impl fmt::Display for Key {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

/// A mapping as the user writes it: for each key, the text after `KEY=`, and whether
/// the first line is a header.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct MappingSpec {
    /// `KEY=COLUMN` pairs; a later pair for the same key wins.
    #[serde(default)]
    pub map: Vec<(Key, String)>,
    /// Whether the first line names the columns; `None` lets Claimline tell.
    #[serde(default)]
    pub header: Option<bool>,
}

/// A `--map` argument that cannot be read, or a mapping that names a column the table
/// does not have: a usage error.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
#[error("{message}")]
pub struct MappingError {
    /// What is wrong.
    pub message: String,
    /// How to fix it.
    pub help: String,
}

impl MappingError {
    fn new(message: impl Into<String>, help: impl Into<String>) -> Self {
        Self {
            message: message.into(),
            help: help.into(),
        }
    }
}

impl MappingSpec {
    /// Adds `KEY=COLUMN` as given on the command line.
    pub fn push_arg(&mut self, arg: &str) -> Result<(), MappingError> {
        let Some((key, value)) = arg.split_once('=') else {
            return Err(MappingError::new(
                format!("`--map {arg}` has no `=`"),
                "write --map KEY=COLUMN, e.g. --map date=3 or --map title=Headline",
            ));
        };
        let Some(key) = Key::from_name(key) else {
            return Err(MappingError::new(
                format!("unknown mapping key `{}`", key.trim()),
                format!("the keys are {}", key_names()),
            ));
        };
        let value = value.trim();
        if value.is_empty() {
            return Err(MappingError::new(
                format!("`--map {key}=` names no column"),
                format!("give {}", key.takes()),
            ));
        }
        parse_value(key, value)?;
        self.set(key, value);
        Ok(())
    }

    /// Sets (or replaces) what `key` takes.
    pub fn set(&mut self, key: Key, value: &str) {
        self.map.retain(|(k, _)| *k != key);
        self.map.push((key, value.to_owned()));
        self.map.sort_by_key(|(k, _)| *k);
    }

    /// Removes what `key` takes.
    pub fn unset(&mut self, key: Key) {
        self.map.retain(|(k, _)| *k != key);
    }

    /// What `key` takes, as written.
    pub fn get(&self, key: Key) -> Option<&str> {
        self.map
            .iter()
            .rev()
            .find(|(k, _)| *k == key)
            .map(|(_, v)| v.as_str())
    }

    /// True when nothing is mapped and the header is left to Claimline.
    pub fn is_empty(&self) -> bool {
        self.map.is_empty() && self.header.is_none()
    }

    /// Reads a mapping file (RON: `(map: [(date, "3"), (title, "{1} {2}")], header:
    /// Some(false))`), checking every value.
    pub fn from_ron(text: &str) -> Result<Self, MappingError> {
        let spec: Self = ron::from_str(text).map_err(|e| {
            MappingError::new(
                format!("the mapping file cannot be read: {e}"),
                format!(
                    "a mapping file looks like (map: [(date, \"Date\"), (title, \"{{Headline}}\")], header: Some(true)); the keys are {}",
                    key_names()
                ),
            )
        })?;
        for (key, value) in &spec.map {
            parse_value(*key, value)?;
        }
        Ok(spec)
    }

    /// The mapping as a mapping file.
    pub fn to_ron(&self) -> String {
        let mut out =
            String::from("// A Claimline table mapping: which column holds what.\n(\n    map: [\n");
        for (key, value) in &self.map {
            out.push_str(&format!("        ({key}, {}),\n", ron_string(value)));
        }
        out.push_str("    ],\n");
        match self.header {
            Some(h) => out.push_str(&format!("    header: Some({h}),\n")),
            None => out.push_str("    header: None,\n"),
        }
        out.push_str(")\n");
        out
    }

    /// The mapping as `--map` arguments, for messages.
    pub fn as_args(&self) -> String {
        let mut args: Vec<String> = self
            .map
            .iter()
            .map(|(k, v)| {
                let arg = format!("{k}={v}");
                if arg.contains([' ', '{', '}', '"', '\'', '>', '<', '|', '&', ';']) {
                    format!("--map '{}'", arg.replace('\'', r"'\''"))
                } else {
                    format!("--map {arg}")
                }
            })
            .collect();
        if self.header == Some(false) {
            args.push("--no-header".to_owned());
        }
        args.join(" ")
    }
}

fn ron_string(s: &str) -> String {
    let mut out = String::from("\"");
    for c in s.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

/// The keys, for messages: "date, end, title, …".
pub fn key_names() -> String {
    Key::ALL.map(Key::name).join(", ")
}

/// A column as the user names it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum ColumnRef {
    /// 1-based position.
    Number(usize),
    /// Header name.
    Name(String),
}

impl fmt::Display for ColumnRef {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::Number(n) => write!(f, "{n}"),
            Self::Name(name) => write!(f, "\"{name}\""),
        }
    }
}

impl ColumnRef {
    fn parse(text: &str) -> Self {
        let t = text.trim();
        match t.parse::<usize>() {
            Ok(n) => Self::Number(n),
            Err(_) => Self::Name(t.to_owned()),
        }
    }
}

/// A piece of a template.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Piece<C> {
    /// Text written as is.
    Text(String),
    /// A column's value.
    Column(C),
}

/// What a key takes from a row: one column, several, or a template.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Value<C> {
    /// One column.
    Column(C),
    /// Several columns (actors).
    Columns(Vec<C>),
    /// Text with columns in it.
    Template(Vec<Piece<C>>),
}

/// Reads what a key takes, as written.
pub fn parse_value(key: Key, text: &str) -> Result<Value<ColumnRef>, MappingError> {
    let text = text.trim();
    if key.takes_template() && text.contains(['{', '}']) {
        return parse_template(key, text).map(Value::Template);
    }
    if text.contains(['{', '}']) {
        return Err(MappingError::new(
            format!("`{key}` does not take a template (`{text}`)"),
            format!(
                "templates are for title and summary; `{key}` takes {}",
                key.takes()
            ),
        ));
    }
    if key == Key::Actors && text.contains('+') {
        let columns: Vec<ColumnRef> = text
            .split('+')
            .map(str::trim)
            .filter(|c| !c.is_empty())
            .map(ColumnRef::parse)
            .collect();
        return Ok(Value::Columns(columns));
    }
    Ok(Value::Column(ColumnRef::parse(text)))
}

fn parse_template(key: Key, text: &str) -> Result<Vec<Piece<ColumnRef>>, MappingError> {
    let bad = |why: &str| {
        MappingError::new(
            format!("the {key} template `{text}` {why}"),
            "put column names or numbers in braces, e.g. {Actor1Name} → {Actor2Name} or {1} {2}; write {{ and }} for braces",
        )
    };
    let mut pieces = Vec::new();
    let mut literal = String::new();
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '{' if chars.peek() == Some(&'{') => {
                chars.next();
                literal.push('{');
            }
            '}' if chars.peek() == Some(&'}') => {
                chars.next();
                literal.push('}');
            }
            '{' => {
                let mut name = String::new();
                loop {
                    match chars.next() {
                        Some('}') => break,
                        Some('{') | None => return Err(bad("has a `{` that is not closed")),
                        Some(c) => name.push(c),
                    }
                }
                if name.trim().is_empty() {
                    return Err(bad("has an empty `{}`"));
                }
                if !literal.is_empty() {
                    pieces.push(Piece::Text(std::mem::take(&mut literal)));
                }
                pieces.push(Piece::Column(ColumnRef::parse(&name)));
            }
            '}' => return Err(bad("has a `}` that closes nothing")),
            c => literal.push(c),
        }
    }
    if !literal.is_empty() {
        pieces.push(Piece::Text(literal));
    }
    Ok(pieces)
}

/// The same mapping with each column that `names` has written as `rename(position)`
/// (when a header is turned on or off, names become numbers and back); other text
/// stays as written.
pub fn rename_columns(
    spec: &MappingSpec,
    names: &[String],
    rename: impl Fn(usize) -> String,
) -> MappingSpec {
    let column = |key: Key, c: &ColumnRef| match find_column(key, c, names) {
        Ok(i) => rename(i),
        Err(_) => match c {
            ColumnRef::Number(n) => n.to_string(),
            ColumnRef::Name(n) => n.clone(),
        },
    };
    let mut out = MappingSpec {
        map: Vec::new(),
        header: spec.header,
    };
    for (key, text) in &spec.map {
        let rewritten = match parse_value(*key, text) {
            Ok(Value::Column(c)) => column(*key, &c),
            Ok(Value::Columns(cs)) => cs
                .iter()
                .map(|c| column(*key, c))
                .collect::<Vec<_>>()
                .join("+"),
            Ok(Value::Template(pieces)) => pieces
                .iter()
                .map(|p| match p {
                    Piece::Text(t) => t.replace('{', "{{").replace('}', "}}"),
                    Piece::Column(c) => format!("{{{}}}", column(*key, c)),
                })
                .collect(),
            Err(_) => text.clone(),
        };
        out.map.push((*key, rewritten));
    }
    out
}

/// Compares header names loosely: no case, spaces, `_`, `-` or `.`.
pub fn loose(name: &str) -> String {
    name.chars()
        .filter(|c| !matches!(c, ' ' | '_' | '-' | '.'))
        .flat_map(char::to_lowercase)
        .collect()
}

/// The mapping a header suggests: for each key, the first column whose name is one of
/// its synonyms. Actors take every actor-like column (`Actor1`, `Actor2`…).
pub fn guess(header: &[String]) -> MappingSpec {
    let names: Vec<String> = header.iter().map(|h| loose(h)).collect();
    let mut spec = MappingSpec::default();
    let mut used = vec![false; names.len()];
    for key in Key::ALL {
        if key == Key::Actors {
            let mut actors: Vec<usize> = names
                .iter()
                .enumerate()
                .filter(|(i, n)| {
                    !used[*i]
                        && (key.synonyms().contains(&n.as_str())
                            || is_numbered(n, &["actor", "actorname", "participant"])
                            || is_numbered_name(n))
                })
                .map(|(i, _)| i)
                .collect();
            if actors.is_empty() {
                // ICEWS: "Source Name" and "Target Name".
                actors = ["sourcename", "targetname"]
                    .iter()
                    .filter_map(|s| names.iter().position(|n| n == s))
                    .collect();
            }
            if !actors.is_empty() {
                for &i in &actors {
                    used[i] = true;
                }
                let value = actors
                    .iter()
                    .map(|&i| column_text(header, i))
                    .collect::<Vec<_>>()
                    .join("+");
                spec.set(key, &value);
            }
            continue;
        }
        let found = key.synonyms().iter().find_map(|syn| {
            names
                .iter()
                .enumerate()
                .find(|(i, n)| !used[*i] && n.as_str() == *syn)
                .map(|(i, _)| i)
        });
        if let Some(i) = found {
            used[i] = true;
            let value = column_text(header, i);
            if key.takes_template() {
                spec.set(key, &format!("{{{value}}}"));
            } else {
                spec.set(key, &value);
            }
        }
    }
    spec
}

/// `actor1`, `actor2`, `actor1name`… (a prefix followed by a number).
fn is_numbered(name: &str, prefixes: &[&str]) -> bool {
    prefixes.iter().any(|p| {
        name.strip_prefix(p)
            .is_some_and(|rest| !rest.is_empty() && rest.bytes().all(|b| b.is_ascii_digit()))
    })
}

/// `actor1name`, `actor2name` (GDELT-style).
fn is_numbered_name(name: &str) -> bool {
    name.strip_prefix("actor")
        .and_then(|rest| rest.strip_suffix("name"))
        .is_some_and(|n| !n.is_empty() && n.bytes().all(|b| b.is_ascii_digit()))
}

/// How a column is written in a mapping: its name when it is unique and plain, else
/// its number.
fn column_text(header: &[String], i: usize) -> String {
    let name = &header[i];
    let unique = header.iter().filter(|h| *h == name).count() == 1;
    let plain = !name.trim().is_empty()
        && !name.contains(['{', '}', '+', '='])
        && name.trim() == name
        && name.parse::<usize>().is_err();
    if unique && plain {
        name.clone()
    } else {
        (i + 1).to_string()
    }
}

/// A mapping resolved against a table's columns: positions, 0-based.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Resolved {
    /// For each key, what it takes.
    pub values: Vec<(Key, Value<usize>)>,
}

impl Resolved {
    /// What `key` takes.
    pub fn get(&self, key: Key) -> Option<&Value<usize>> {
        self.values.iter().find(|(k, _)| *k == key).map(|(_, v)| v)
    }
}

/// Resolves a mapping against column names (`names[i]` is column `i + 1`; names may be
/// empty for a table without a header).
pub fn resolve(spec: &MappingSpec, names: &[String]) -> Result<Resolved, MappingError> {
    let mut values = Vec::new();
    for (key, text) in &spec.map {
        let value = parse_value(*key, text)?;
        let col = |c: &ColumnRef| find_column(*key, c, names);
        let resolved = match value {
            Value::Column(c) => Value::Column(col(&c)?),
            Value::Columns(cs) => Value::Columns(cs.iter().map(col).collect::<Result<_, _>>()?),
            Value::Template(pieces) => Value::Template(
                pieces
                    .into_iter()
                    .map(|p| match p {
                        Piece::Text(t) => Ok(Piece::Text(t)),
                        Piece::Column(c) => col(&c).map(Piece::Column),
                    })
                    .collect::<Result<_, _>>()?,
            ),
        };
        values.retain(|(k, _)| k != key);
        values.push((*key, resolved));
    }
    Ok(Resolved { values })
}

fn find_column(key: Key, c: &ColumnRef, names: &[String]) -> Result<usize, MappingError> {
    let count = names.len();
    match c {
        ColumnRef::Number(n) if (1..=count).contains(n) => Ok(n - 1),
        ColumnRef::Number(n) => Err(MappingError::new(
            format!("`{key}` names column {n}, but the table has {count} columns"),
            format!("use a column number from 1 to {count}"),
        )),
        ColumnRef::Name(name) => {
            if let Some(i) = names.iter().position(|h| h == name) {
                return Ok(i);
            }
            if let Some(i) = names.iter().position(|h| loose(h) == loose(name)) {
                return Ok(i);
            }
            let has_names = names.iter().any(|n| !n.is_empty());
            let help = if has_names {
                let mut help = format!("the columns are {}", list_columns(names));
                let candidates: Vec<&str> = names.iter().map(String::as_str).collect();
                if let Some(best) = crate::load::ron::syntax::closest(name, &candidates) {
                    help = format!("did you mean \"{best}\"? {help}");
                }
                help
            } else {
                format!("this table has no header; name columns by number, 1 to {count}")
            };
            Err(MappingError::new(
                format!("`{key}` names the column \"{name}\", which the table does not have"),
                help,
            ))
        }
    }
}

/// Column names for messages: `1 "Date", 2 "Headline", …` (at most 40).
pub fn list_columns(names: &[String]) -> String {
    let mut shown: Vec<String> = names
        .iter()
        .take(40)
        .enumerate()
        .map(|(i, n)| {
            if n.is_empty() {
                format!("{}", i + 1)
            } else {
                format!("{} \"{}\"", i + 1, crate::english::shorten(n, 40))
            }
        })
        .collect();
    if names.len() > 40 {
        shown.push(format!("… ({} in all)", names.len()));
    }
    shown.join(", ")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn names(list: &[&str]) -> Vec<String> {
        list.iter().map(|s| (*s).to_owned()).collect()
    }

    #[test]
    fn map_arguments_are_read_and_checked() {
        let mut spec = MappingSpec::default();
        spec.push_arg("date=3").unwrap();
        spec.push_arg("Title={1} {2}").unwrap();
        spec.push_arg("actors=Actor1Name+Actor2Name").unwrap();
        spec.push_arg("date=Day").unwrap();
        assert_eq!(spec.get(Key::Date), Some("Day"));
        assert_eq!(spec.map.len(), 3);
        let err = spec.push_arg("when=3").unwrap_err();
        assert!(err.message.contains("unknown mapping key `when`"));
        assert!(err.help.contains("date, end, title"), "{}", err.help);
        assert!(spec.push_arg("date").is_err());
        assert!(spec.push_arg("date=").is_err());
        assert!(spec.push_arg("title={1").is_err());
        assert!(spec.push_arg("title=1}").is_err());
        assert!(spec.push_arg("date={1}").is_err());
        assert!(spec.push_arg("title={{literal}} {1}").is_ok());
    }

    #[test]
    fn columns_resolve_by_name_loosely_or_by_number() {
        let header = names(&["Event Date", "Headline", "Actor 1", "Actor 2"]);
        let mut spec = MappingSpec::default();
        spec.push_arg("date=event_date").unwrap();
        spec.push_arg("title={Headline} ({4})").unwrap();
        spec.push_arg("actors=3+Actor 2").unwrap();
        let r = resolve(&spec, &header).unwrap();
        assert_eq!(r.get(Key::Date), Some(&Value::Column(0)));
        assert_eq!(r.get(Key::Actors), Some(&Value::Columns(vec![2, 3])));
        assert_eq!(
            r.get(Key::Title),
            Some(&Value::Template(vec![
                Piece::Column(1),
                Piece::Text(" (".to_owned()),
                Piece::Column(3),
                Piece::Text(")".to_owned())
            ]))
        );
        let mut bad = MappingSpec::default();
        bad.push_arg("date=Headlne").unwrap();
        let err = resolve(&bad, &header).unwrap_err();
        assert!(err.message.contains("\"Headlne\""), "{}", err.message);
        assert!(
            err.help.contains("did you mean \"Headline\""),
            "{}",
            err.help
        );
        assert!(err.help.contains("1 \"Event Date\""), "{}", err.help);
        let mut bad = MappingSpec::default();
        bad.push_arg("date=9").unwrap();
        let err = resolve(&bad, &header).unwrap_err();
        assert!(err.message.contains("has 4 columns"), "{}", err.message);
    }

    #[test]
    fn a_header_suggests_a_mapping() {
        let acled = names(&[
            "event_id_cnty",
            "event_date",
            "event_type",
            "actor1",
            "actor2",
            "location",
            "notes",
            "source",
        ]);
        let spec = guess(&acled);
        assert_eq!(spec.get(Key::Date), Some("event_date"));
        assert_eq!(spec.get(Key::Id), Some("event_id_cnty"));
        assert_eq!(spec.get(Key::Lane), Some("event_type"));
        assert_eq!(spec.get(Key::Actors), Some("actor1+actor2"));
        assert_eq!(spec.get(Key::Place), Some("location"));
        assert_eq!(spec.get(Key::Summary), Some("{notes}"));
        // ACLED's and the CIR monitor's places and groups, GDELT's and ACLED's
        // coordinates.
        let places = names(&[
            "date",
            "event_group",
            "country",
            "admin1",
            "latitude",
            "longitude",
        ]);
        let spec = guess(&places);
        assert_eq!(spec.get(Key::Lane), Some("event_group"));
        assert_eq!(spec.get(Key::Place), Some("admin1"));
        assert_eq!(
            (spec.get(Key::Lat), spec.get(Key::Lon)),
            (Some("latitude"), Some("longitude"))
        );
        let gdelt = names(&[
            "SQLDATE",
            "ActionGeo_Lat",
            "ActionGeo_Long",
            "ActionGeo_CountryCode",
        ]);
        let spec = guess(&gdelt);
        assert_eq!(
            (spec.get(Key::Lat), spec.get(Key::Lon)),
            (Some("ActionGeo_Lat"), Some("ActionGeo_Long"))
        );
        let mine = names(&["Date", "What happened", "Link"]);
        let spec = guess(&mine);
        assert_eq!(spec.get(Key::Date), Some("Date"));
        assert_eq!(spec.get(Key::Url), Some("Link"));
        assert_eq!(spec.get(Key::Title), None);
    }

    #[test]
    fn columns_are_renamed_when_the_header_goes() {
        let header = names(&["Date", "Headline", "Who"]);
        let mut spec = MappingSpec::default();
        spec.push_arg("date=Date").unwrap();
        spec.push_arg("title={Headline} {{x}}").unwrap();
        spec.push_arg("actors=Who+9").unwrap();
        let numbered = rename_columns(&spec, &header, |i| (i + 1).to_string());
        assert_eq!(numbered.get(Key::Date), Some("1"));
        assert_eq!(numbered.get(Key::Title), Some("{2} {{x}}"));
        assert_eq!(numbered.get(Key::Actors), Some("3+9"));
        let named = rename_columns(&numbered, &vec![String::new(); 3], |i| header[i].clone());
        assert_eq!(named.get(Key::Title), spec.get(Key::Title));
    }

    #[test]
    fn a_mapping_file_reads_back_what_was_saved() {
        let mut spec = MappingSpec::default();
        spec.push_arg("date=2").unwrap();
        spec.push_arg("title={3} \"quoted\" \\ {4}").unwrap();
        spec.header = Some(false);
        let text = spec.to_ron();
        assert_eq!(MappingSpec::from_ron(&text).unwrap(), spec);
        let err = MappingSpec::from_ron("(map: [(when, \"1\")])").unwrap_err();
        assert!(err.help.contains("the keys are"), "{}", err.help);
        assert!(MappingSpec::from_ron("(map: [(title, \"{1\")])").is_err());
        assert_eq!(
            spec.as_args(),
            "--map date=2 --map 'title={3} \"quoted\" \\ {4}' --no-header"
        );
    }
}
