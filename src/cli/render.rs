//! `claimline render [FILE] -o OUT.svg|OUT.png …`: the timeline as a picture, with no
//! window, no display and no GPU — the same scene the window paints, with the dataset's
//! title, a credit of its sources and a legend.

use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Args, ValueEnum};

use super::{ThemeArg, parse_size};
use crate::english::{human_bytes, plural};
use crate::export::picture::{MapAsk, MapFrom, PictureInput};
use crate::export::{self, ExportFormat};
use crate::load::{self};
use crate::map::tiles::StreetTiles;
use crate::model::FuzzyDate;
use crate::timeline::metrics::FontMetrics;
use crate::timeline::{Derived, Filter, LaneMode, TimeScale, View, follow, scene};

/// Arguments of `render`.
#[derive(Debug, Args)]
pub struct RenderArgs {
    /// The dataset; without it, the built-in Trump–Putin dataset.
    #[arg(value_name = "FILE")]
    pub file: Option<PathBuf>,
    /// Where to write the picture: its extension (.svg or .png) chooses the format.
    #[arg(short, long, value_name = "OUT.svg|OUT.png", value_parser = parse_output)]
    pub output: PathBuf,
    /// The picture's size in points, e.g. 1280x800.
    #[arg(long, value_name = "WxH", value_parser = parse_size, default_value = "1280x800")]
    pub size: (u32, u32),
    /// Pixels per point of a PNG (2 for a sharp picture on high-density screens).
    #[arg(long, value_name = "N", value_parser = parse_scale, default_value = "1")]
    pub scale: f32,
    /// Highlight the event with this id and bring it into view.
    #[arg(long, value_name = "ID")]
    pub select: Option<String>,
    /// Colour theme.
    #[arg(long, value_enum, default_value = "light")]
    pub theme: ThemeArg,
    /// The days to show, as a dataset date or window: 2024-11, 2024-11-01..2024-11-15.
    #[arg(long, value_name = "FROM..TO", value_parser = parse_range)]
    pub range: Option<(f64, f64)>,
    /// Time to scale, without compressing long empty stretches.
    #[arg(long)]
    pub linear: bool,
    /// Leave out the relation links.
    #[arg(long)]
    pub no_links: bool,
    /// What to draw: the timeline, the map of the places of its events (those in the
    /// days drawn), or both side by side.
    #[arg(long, value_enum, default_value = "timeline")]
    pub view: ViewArg,
    /// Draw the map over the street tiles of a PMTiles archive of raster tiles
    /// (satellite imagery, a scanned or rendered street map); with --view map or both.
    #[arg(long, value_name = "FILE.pmtiles")]
    pub tiles: Option<PathBuf>,
    /// How to split events into lanes (default: by kind, or by group for an imported
    /// timeline).
    #[arg(long, value_enum)]
    pub lanes: Option<LanesArg>,
    /// How to read a table.
    #[command(flatten)]
    pub table: super::table_args::TableArgs,
    /// Draw FILE through the query engine instead of loading it: `local` for DataFusion
    /// on this machine, or a Ballista scheduler as df://HOST:PORT. FILE is a Parquet
    /// file (or a folder of them) made by `claimline convert`, which is drawn through
    /// DataFusion even without this option; the picture is the dataset's own.
    #[cfg(feature = "engine")]
    #[arg(long, value_name = "local|df://HOST:PORT", value_parser = crate::engine::queries::Engine::parse)]
    pub engine: Option<crate::engine::queries::Engine>,
}

/// What a picture shows.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ViewArg {
    /// The timeline.
    Timeline,
    /// The map.
    Map,
    /// The timeline with the map beside it.
    Both,
}

impl ViewArg {
    /// The picture's map, asked of `data`, over `tiles`.
    fn map<'a>(
        self,
        data: &'a dyn crate::timeline::seam::TimelineData,
        tiles: Option<&'a StreetTiles>,
    ) -> Option<MapAsk<'a>> {
        match self {
            Self::Timeline => None,
            Self::Map => Some(MapAsk {
                from: MapFrom::Data(data),
                alone: true,
                tiles,
            }),
            Self::Both => Some(MapAsk {
                from: MapFrom::Data(data),
                alone: false,
                tiles,
            }),
        }
    }

    /// What the picture shows, in words.
    fn what(self) -> &'static str {
        match self {
            Self::Timeline => "the timeline",
            Self::Map => "the map",
            Self::Both => "the timeline and map",
        }
    }
}

/// Lanes named on the command line.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum LanesArg {
    /// One lane per event kind.
    Kind,
    /// One lane per actor.
    Actor,
    /// One lane per group (imported timelines, a table's lane column).
    Group,
}

/// An output path whose extension names a format.
fn parse_output(text: &str) -> Result<PathBuf, String> {
    let path = PathBuf::from(text);
    match ExportFormat::of_path(&path) {
        Some(_) => Ok(path),
        None => Err(format!(
            "`{text}` does not end in .{}; the extension chooses the format",
            ExportFormat::known().replace(" or ", " or .")
        )),
    }
}

fn parse_scale(text: &str) -> Result<f32, String> {
    text.trim()
        .parse::<f32>()
        .ok()
        .filter(|s| (0.25..=8.0).contains(s))
        .ok_or_else(|| format!("`{text}` is not a scale between 0.25 and 8"))
}

/// A range of days from a dataset date: "2024-11" (that month), "2024-11-01..2024-11-15".
pub(super) fn parse_range(text: &str) -> Result<(f64, f64), String> {
    FuzzyDate::parse(text)
        .map(|d| (f64::from(d.earliest()), f64::from(d.latest()) + 1.0))
        .map_err(|e| format!("{e}: {}", e.help()))
}

/// Renders; returns the exit status.
pub fn run(args: &RenderArgs) -> ExitCode {
    super::run_on_dataset(args.file.as_deref(), &args.table, |mapping| {
        try_run(args, mapping)
    })
}

/// The street tiles `--tiles` names, opened (an error says what is wrong with them).
fn street_tiles(args: &RenderArgs) -> anyhow::Result<Option<StreetTiles>> {
    let Some(path) = &args.tiles else {
        return Ok(None);
    };
    if args.view == ViewArg::Timeline {
        anyhow::bail!("error: --tiles draws beneath the map: add --view map (or --view both)");
    }
    StreetTiles::open(path)
        .map(Some)
        .map_err(|e| anyhow::anyhow!("error: {e}\n  help: {}", e.help))
}

fn try_run(args: &RenderArgs, mapping: load::table::MappingSpec) -> anyhow::Result<String> {
    let started = std::time::Instant::now();
    let tiles = street_tiles(args)?;
    let format = ExportFormat::of_path(&args.output).unwrap_or_default();
    export::check_writable(&args.output)
        .map_err(|e| anyhow::anyhow!("error: cannot write the picture: {e:#}"))?;
    #[cfg(feature = "engine")]
    {
        use crate::engine::queries::{Engine, is_converted};
        // A table `convert` wrote is drawn through the engine (DataFusion here) as the
        // window opens it, never loaded whole.
        let engine = match (&args.engine, args.file.as_deref()) {
            (Some(engine), _) => Some(engine.clone()),
            (None, Some(file)) if is_converted(file) || crate::engine::store::is_remote(file) => {
                Some(Engine::Embedded)
            }
            (None, _) => None,
        };
        if let Some(engine) = engine {
            let file = args.file.as_deref().ok_or_else(|| {
                anyhow::anyhow!("error: --engine draws a table: name its Parquet file or folder")
            })?;
            return engine_render(args, file, engine, format, started);
        }
    }
    let doc = super::open_document(args.file.as_deref(), mapping)?;
    let mode = match args.lanes {
        Some(LanesArg::Kind) => LaneMode::Kind,
        Some(LanesArg::Actor) => LaneMode::Actor,
        Some(LanesArg::Group) => LaneMode::Group,
        None => LaneMode::Kind.for_document(&doc),
    };
    let derived = Derived::compute(&doc, &Filter::default(), mode);
    let selected = match &args.select {
        Some(id) => Some(doc.dataset.event_index_by_name(id).ok_or_else(|| {
            anyhow::anyhow!(
                "error: no event has the id \"{id}\" (see the ids with `claimline check`)"
            )
        })?),
        None => None,
    };
    let scale = if args.linear {
        TimeScale::Linear
    } else {
        TimeScale::Compressed
    };
    let axis = &derived.axis(scale).axis;
    let size = (args.size.0 as f32, args.size.1 as f32);
    let view = match (args.range, selected) {
        (Some((a, b)), _) => View::days(axis, a, b),
        (None, Some(e)) => {
            let fit = scene::fit_all(&derived, scale).day_range(axis);
            let width = scene::plot_rect(size, true).width();
            let (a, b) = follow::reveal(&doc, &derived, axis, width, fit, e);
            View::days(axis, a, b)
        }
        (None, None) => scene::fit_all(&derived, scale),
    };
    let data = crate::timeline::seam::memory::MemoryData::new(&doc, &derived);
    let input = PictureInput {
        doc: &doc,
        derived: &derived,
        scale,
        view,
        size,
        timeline_height: None,
        selected,
        show_links: !args.no_links,
        dark: args.theme == ThemeArg::Dark,
        answers: None,
        map: args.view.map(&data, tiles.as_ref()),
    };
    let bytes = export::render(&input, format, args.scale, true, &FontMetrics::new())?;
    export::write(&args.output, &bytes)?;
    Ok(format!(
        "wrote {}: {} of {} ({}), {}, in {:.0} ms",
        args.output.display(),
        format.extension().to_uppercase(),
        args.view.what(),
        plural(doc.dataset.events.len(), "event"),
        human_bytes(bytes.len() as u64),
        started.elapsed().as_secs_f64() * 1000.0
    ))
}

/// A table drawn through the query engine: its lanes asked of DataFusion or Ballista for
/// the one view drawn, nothing loaded.
#[cfg(feature = "engine")]
fn engine_render(
    args: &RenderArgs,
    file: &std::path::Path,
    engine: crate::engine::queries::Engine,
    format: ExportFormat,
    started: std::time::Instant,
) -> anyhow::Result<String> {
    use crate::engine::queries::EngineData;
    use crate::timeline::seam::{TimelineData as _, Waiting};
    let tiles = street_tiles(args)?;
    let filter = Filter::default();
    let ask = match args.lanes {
        Some(lanes) => crate::timeline::TableAsk {
            lanes: match lanes {
                LanesArg::Kind => LaneMode::Kind,
                LanesArg::Actor => LaneMode::Actor,
                LanesArg::Group => LaneMode::Group,
            },
            ..crate::timeline::TableAsk::plain(&filter)
        },
        // As a file is drawn: by group where it has groups, else by kind.
        None => crate::timeline::TableAsk::opening(&filter, LaneMode::Kind),
    };
    let source = EngineData::open(file, engine, &ask)
        .map_err(|e| anyhow::anyhow!("error: {e}\n  = help: {}", e.help(file)))?;
    let selected = match &args.select {
        Some(id) => Some(
            source
                .event_by_id(id)
                .map_err(|e| anyhow::anyhow!("error: {}: {e}", source.describe()))?
                .ok_or_else(|| {
                    anyhow::anyhow!(
                        "error: no event has the id \"{id}\" (see the ids with `claimline check`)"
                    )
                })?,
        ),
        None => None,
    };
    let opened = started.elapsed();
    let (doc, derived) = crate::engine::shell::shell(&source, file, &filter)
        .map_err(|e| anyhow::anyhow!("error: {e}"))?;
    let scale = if args.linear {
        TimeScale::Linear
    } else {
        TimeScale::Compressed
    };
    let axis = &derived.axis(scale).axis;
    let size = (args.size.0 as f32, args.size.1 as f32);
    let view = match (args.range, selected) {
        (Some((a, b)), _) => View::days(axis, a, b),
        // As a dataset's picture does: the selected event among its neighbours.
        (None, Some(e)) => {
            let fit = scene::fit_all(&derived, scale).day_range(axis);
            let width = scene::plot_rect(size, true).width();
            match source
                .neighbours(e, follow::NEIGHBOURS)
                .map_err(|why| anyhow::anyhow!("error: {}: {why}", source.describe()))?
            {
                Some((me, near)) => {
                    let (a, b) = follow::reveal_days(axis, width, fit, me, &near);
                    View::days(axis, a, b)
                }
                None => scene::fit_all(&derived, scale),
            }
        }
        (None, None) => scene::fit_all(&derived, scale),
    };
    let waiting = Waiting::new(&source);
    let input = PictureInput {
        doc: &doc,
        derived: &derived,
        scale,
        view,
        size,
        timeline_height: None,
        selected,
        show_links: !args.no_links,
        dark: args.theme == ThemeArg::Dark,
        answers: Some(&waiting),
        map: args.view.map(&source, tiles.as_ref()),
    };
    let bytes = export::render(&input, format, args.scale, true, &FontMetrics::new())?;
    if let Some(e) = waiting.failure() {
        anyhow::bail!("error: {}: {e}", source.describe());
    }
    export::write(&args.output, &bytes)?;
    let events: usize = doc.kind_counts.iter().sum();
    let warnings: String = source
        .warnings()
        .iter()
        .map(|w| format!("warning: {w}\n"))
        .collect();
    Ok(format!(
        "{warnings}wrote {}: {} of {} ({}, {}), {}, in {:.0} ms (opened in {:.0} ms)",
        args.output.display(),
        format.extension().to_uppercase(),
        args.view.what(),
        plural(events, "event"),
        source.describe(),
        human_bytes(bytes.len() as u64),
        started.elapsed().as_secs_f64() * 1000.0,
        opened.as_secs_f64() * 1000.0
    ))
}
