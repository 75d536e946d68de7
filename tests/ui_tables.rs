//! Tables in the running app: one that cannot be read as it is opens the table columns
//! form (its preview saying why) and keeps what was on screen; File ▸ Table columns…
//! shows how a table was read, a column chosen there re-reads the whole table, and the
//! choice is remembered for the file.

#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    reason = "test helpers fail loudly on broken fixtures"
)]

mod common;

use std::path::{Path, PathBuf};

use claimline::app::AppOptions;
use claimline::app::command::Command;
use claimline::load::table::Key;
use common::{harness, settle};
use egui::accesskit::Role;
use egui_kittest::kittest::{NodeT as _, Queryable as _};

fn table(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/data/tables")
        .join(name)
}

#[test]
fn a_table_without_dates_opens_the_form_and_keeps_the_dataset_on_screen() {
    let mut h = harness(AppOptions::default());
    h.run();
    assert_eq!(h.state().shown_events().len(), 26, "the built-in dataset");
    let ctx = h.ctx.clone();
    h.state_mut()
        .execute(&ctx, Command::Open(table("nodate.csv")));
    settle(&mut h);
    assert_eq!(
        h.state().shown_events().len(),
        26,
        "still the built-in dataset"
    );
    h.get_by_label("Table columns — nodate.csv");
    h.get_by_label_contains("Choose the column that holds the events' dates");
    // Choosing a column whose cells are not dates: the preview says each row is skipped,
    // and the table cannot be opened that way.
    h.get_by_role_and_label(Role::ComboBox, "Date").click();
    h.run();
    h.get_by_label("Moment").click();
    h.run();
    h.get_by_label("skipped: \"yesterday\" is not a date");
    assert!(
        h.get_by_label("Open with these columns")
            .accesskit_node()
            .is_disabled(),
        "no row would be an event"
    );
    h.get_by_label("Cancel").click();
    h.run();
    assert!(h.query_by_label("Table columns — nodate.csv").is_none());
}

#[test]
fn table_columns_re_read_the_table_and_are_remembered() {
    let path = table("incidents.csv");
    let mut h = harness(AppOptions {
        file: Some(path.clone()),
        ..AppOptions::default()
    });
    settle(&mut h);
    let doc = h.state().document().expect("the table is shown");
    assert_eq!(doc.dataset.events.len(), 4);
    let lane = |h: &egui_kittest::Harness<'_, claimline::app::ClaimlineApp>| {
        let doc = h.state().document().unwrap();
        let ds = &doc.dataset;
        ds.str(ds.events[0].group.unwrap()).to_owned()
    };
    assert_eq!(
        lane(&h),
        "Contacts",
        "lanes from the Category column, guessed"
    );
    // The status bar says how the table was read; its link opens the form.
    h.get_by_label("6 rows (2 rows skipped)").click();
    h.run();
    h.get_by_label("Table columns — incidents.csv");
    h.get_by_label("skipped: no date");
    assert!(
        h.query_all_by_label("Zelensky's office, on two lines")
            .count()
            >= 2,
        "the preview shows the titles as the list does"
    );
    // Lanes by place instead.
    h.get_by_role_and_label(Role::ComboBox, "Lane").click();
    h.run();
    h.get_by_label("Location").click();
    h.run();
    h.get_by_label("Palm Beach, Florida");
    h.get_by_label("Open with these columns").click();
    h.run();
    settle(&mut h);
    assert_eq!(lane(&h), "Palm Beach, Florida");
    assert!(h.query_by_label("Table columns — incidents.csv").is_none());
    let remembered = h
        .state()
        .persisted()
        .mapping_for(&path)
        .expect("remembered");
    assert_eq!(remembered.get(Key::Lane), Some("Location"));
    // Reloading keeps the choice.
    let ctx = h.ctx.clone();
    h.state_mut()
        .execute(&ctx, claimline::app::command::UiCommand::Reload.into());
    settle(&mut h);
    assert_eq!(lane(&h), "Palm Beach, Florida");
}
