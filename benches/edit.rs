//! Editing at scale: what one edit costs in a large dataset, on the window's thread and
//! on the worker. Changing an event's title (and undoing it) touches one record; adding
//! an event (and undoing it) also brings the id and relation lookups up to date; keeping
//! the time order valid after a delete is what the window does before the worker has
//! the new index; indexing the document again (time order, facets, disputes) is the
//! derived-data rebuild the app runs on a worker for large documents.

#![allow(
    missing_docs,
    reason = "criterion_group! generates an undocumented function"
)]
#![allow(
    clippy::expect_used,
    reason = "a benchmark without its input cannot run"
)]

use std::hint::black_box;
use std::time::Duration;

use claimline::edit::forms::EventForm;
use claimline::edit::{self, Change};
use criterion::{Criterion, criterion_group, criterion_main};

mod common;

fn edit(c: &mut Criterion) {
    for n in common::sizes() {
        let mut doc = common::document(n);
        let mut group = c.benchmark_group(format!("edit/{n}"));
        if n >= 1_000_000 {
            group
                .sample_size(10)
                .measurement_time(Duration::from_secs(20));
        }
        let e = u32::try_from(n / 2).expect("fits");
        let mut form = EventForm::of(&doc.dataset, e).expect("event");
        form.title.push_str(" (edited)");
        let retitle = Change::Event {
            index: Some(e),
            form,
        };
        group.bench_function("edit a title, then undo", |b| {
            b.iter(|| {
                let done = edit::apply(&mut doc.dataset, black_box(&retitle)).expect("valid");
                edit::undo(&mut doc.dataset, &done);
            });
        });
        let mut added = EventForm::new(&doc.dataset, "2024-11-07");
        added.title = "New event".to_owned();
        let add = Change::Event {
            index: None,
            form: added,
        };
        group.bench_function("add an event, then undo", |b| {
            b.iter(|| {
                let done = edit::apply(&mut doc.dataset, black_box(&add)).expect("valid");
                edit::undo(&mut doc.dataset, &done);
            });
        });
        let middle = u32::try_from(n / 2).expect("fits");
        let linked = (middle..u32::try_from(n).expect("fits"))
            .find(|&e| doc.dataset.relations_of(e).count() > 0)
            .unwrap_or(middle);
        let delete = Change::DeleteEvent(linked);
        group.bench_function(
            "delete an event in the middle with its links, then undo",
            |b| {
                b.iter(|| {
                    let done = edit::apply(&mut doc.dataset, black_box(&delete)).expect("valid");
                    edit::undo(&mut doc.dataset, &done);
                });
            },
        );
        group.bench_function("keep the time order valid: delete, then undo", |b| {
            b.iter(|| {
                doc.shift(black_box(middle), false);
                doc.shift(black_box(middle), true);
            });
        });
        group.bench_function(
            "copy the document (an edit while a worker still reads it)",
            |b| {
                b.iter(|| black_box(doc.clone()));
            },
        );
        group.bench_function("index the document again", |b| {
            b.iter(|| doc.reindex());
        });
        group.finish();
    }
}

criterion_group!(benches, edit);
criterion_main!(benches);
