//! Any text, read as a raw article, through the whole extraction: sections,
//! entities, quotes and figures. Mentions must point at real text.
#![no_main]

use briefing::model::Metadata;
use libfuzzer_sys::fuzz_target;
use std::path::Path;

fuzz_target!(|text: &str| {
    let doc = briefing::parse::raw::parse(Path::new("fuzz.txt"), text, Metadata::default());
    let Ok(b) = briefing::extract::extract(&doc) else { return };
    let units = b.text_units();
    for entity in &b.entities {
        for m in &entity.mentions {
            let (_, unit) = units[m.paragraph];
            assert_eq!(&unit[m.start..m.end], m.text, "mention range");
        }
    }
    for q in &b.quotes {
        assert!(q.paragraph < units.len());
        assert!(units[q.paragraph].1.get(q.start..q.end).is_some(), "quote range");
        assert!((0.0..=1.0).contains(&q.confidence), "confidence");
    }
    for t in &b.terms {
        assert!(units[t.paragraph].1.get(t.start..t.end).is_some(), "term range");
    }
});
