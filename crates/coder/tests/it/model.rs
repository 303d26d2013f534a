//! One model, trained once (issue 10 §4): the committed model file is what the current
//! corpus, codebook and options produce, it is small, it is what `Coder::shared` uses, and a
//! broken file is refused with a reason.

use softbalance_coder::model::Model;
use softbalance_coder::{corpus, Coder, Item};

#[test]
fn committed_model_matches_the_current_sources() {
    let committed = Coder::committed().expect("crates/coder/model/coder.sbm reads");
    let info = committed.model_info();
    assert!(
        !info.stale,
        "the committed model {} was trained from other inputs; run scripts/train-coder-model.sh",
        info.name
    );
    assert_eq!(Coder::shared().model_info().name, info.name, "Coder::shared uses the committed model");
    // Retrained from the current training set, it predicts exactly the same on a sample.
    let fresh = Coder::train_bundled();
    assert_eq!(fresh.model_info().sources_hash, info.sources_hash);
    assert_eq!(fresh.model_info().inputs_hash, info.inputs_hash);
    let mut sample: Vec<Item> = corpus::bundled().corpus.iter().step_by(7).map(|li| li.item.clone()).collect();
    sample.push(Item::new("p1", "The United States did not impose sanctions on Turkey."));
    sample.push(Item::new("p2", "美國商務部將華為列入實體清單。"));
    for it in &sample {
        assert_eq!(committed.probabilities(it), fresh.probabilities(it), "{}", it.text);
        assert_eq!(committed.code(it), fresh.code(it), "{}", it.text);
    }
}

#[test]
fn committed_model_is_small_and_round_trips() {
    let bytes = Coder::committed().unwrap().model_bytes();
    assert!(bytes.len() < 4_000_000, "model file is {} bytes", bytes.len());
    let (m, meta) = Model::from_bytes(&bytes).unwrap();
    assert!(meta.contains("inputs_hash"));
    assert_eq!(m.to_bytes(&meta), bytes);
}

#[test]
fn the_training_set_leaves_out_built_in_case_events() {
    let all = &corpus::bundled().corpus;
    let train = corpus::training_set();
    let marked = all.iter().filter(|li| li.case_event.is_some()).count();
    assert!(marked >= 17, "only {marked} corpus items are marked as built-in case events");
    assert_eq!(train.len(), all.len() - marked);
    assert!(train.iter().all(|li| li.case_event.is_none()));
    // Every event id is shared only by items of one event: the English and Chinese versions
    // of EO 13859 share one.
    let eo: Vec<_> = all.iter().filter(|li| li.case_event.as_deref() == Some("us-china-ai:A004")).collect();
    assert!(eo.len() >= 2 && eo.iter().all(|li| li.event == eo[0].event), "{eo:?}");
}

#[test]
fn broken_model_files_are_refused_with_a_reason() {
    for (bytes, needle) in [
        (&b""[..], "shorter than the header"),
        (&b"NOTAMODELxxxxxxxxxxxxxxxx"[..], "bad magic"),
    ] {
        let e = Model::from_bytes(bytes).unwrap_err();
        assert!(e.0.contains(needle), "{e}");
    }
    let mut good = Coder::committed().unwrap().model_bytes();
    good.truncate(good.len() - 3);
    assert!(Model::from_bytes(&good).unwrap_err().0.contains("truncated"));
}
