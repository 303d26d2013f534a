//! `softbalance codes`: the nine strategy codes with a one-line definition and the question
//! that separates each from its neighbours, in English and Traditional Chinese (docs/theory.md
//! §3 gives the full definitions and examples).

use softbalance_core::StrategyCode;
use std::fmt::Write;

/// (code, definition en, definition zh, separating question en, separating question zh).
const CODES: [(StrategyCode, &str, &str, &str, &str); 9] = [
    (StrategyCode::OffsetInternal,
     "build up one's own strength in the domain, with restraint",
     "在該領域適度強化自身實力，避免軍備競賽或公開對抗",
     "Does it strengthen the balancer (not hinder the target), in measured steps rather than a crash build-up sized against the target?",
     "是強化自身而非妨礙對手？是適度推進而非針對對手的大規模擴軍？"),
    (StrategyCode::OffsetExternal,
     "coordinate with third states that share the concern, without an alliance",
     "與具相同疑慮的第三國協調立場，但不結盟",
     "Are third states aligned on an issue, with no binding military commitment?",
     "是否與第三國就特定議題協調，且無具約束力的軍事承諾？"),
    (StrategyCode::ObstructPassive,
     "quietly refuse what the target asks for (access, basing, cooperation)",
     "不公開反對，而是拒絕對手的合作請求，以提高其成本",
     "Did the target ask for something, and did the balancer simply decline?",
     "對手是否提出請求，而本國只是拒絕？"),
    (StrategyCode::ObstructActive,
     "take the initiative to impose costs on the target (controls, sanctions, listings)",
     "主動對對手施加成本（出口管制、制裁、列入清單）",
     "Did the balancer act first to hinder the target's capability or freedom of action?",
     "本國是否主動出手，妨礙對手的實力或行動自由？"),
    (StrategyCode::Institutional,
     "use the rules and votes of multilateral bodies against the target",
     "利用多邊機制的授權與規則制定功能約束對手",
     "Does it work through an institution's authorisation or rule-making, not a coalition of states?",
     "是否透過國際機制的授權或規則運作，而非國家聯盟？"),
    (StrategyCode::HardInternal,
     "arms race, major military build-up aimed at the target",
     "軍備競賽、針對對手的大規模軍事擴張",
     "Is it a large military build-up explicitly sized against the target, inviting a matching response?",
     "是否為明確針對對手、足以引發對等回應的大規模擴軍？"),
    (StrategyCode::HardExternal,
     "formal military alliance against the target",
     "針對對手的正式軍事同盟",
     "Is there a binding military commitment (alliance, mutual defence) against the target?",
     "是否有針對對手、具約束力的軍事承諾（同盟、共同防禦）？"),
    (StrategyCode::Friction,
     "ordinary dispute or bargaining over a bounded issue",
     "日常外交摩擦或就特定議題的議價",
     "Does it seek a negotiable concession, or would it happen whoever the other state were?",
     "是否只在爭取可談判的讓步，或換成任何國家都會如此？"),
    (StrategyCode::Cooperation,
     "joint action with the target",
     "與對手的合作行動",
     "Does the balancer act together with the target?",
     "本國是否與對手共同行動？"),
];

pub fn text(zh: Option<bool>) -> String {
    let mut o = String::new();
    for (code, en, zh_def, q_en, q_zh) in CODES {
        let family = code.family().as_str();
        let _ = writeln!(o, "{:<17} {} ({})  [{family}]", code.as_str(), code.label_en(), code.label_zh());
        match zh {
            None => {
                let _ = writeln!(o, "  {en}\n  {zh_def}\n  ? {q_en}\n  ? {q_zh}\n");
            }
            Some(false) => {
                let _ = writeln!(o, "  {en}\n  ? {q_en}\n");
            }
            Some(true) => {
                let _ = writeln!(o, "  {zh_def}\n  ? {q_zh}\n");
            }
        }
    }
    o.push_str("none              no action: a sentence that reports no state action (negated, hypothetical, opinion, forecast)\n");
    o.push_str("  無行動：句子未報導任何國家行動（否定、假設、意見、預測）\n\nFull definitions and examples: docs/theory.md §3; friction vs balancing: §4.\n");
    o
}

#[cfg(test)]
mod tests {
    #[test]
    fn every_code_is_listed_once_in_taxonomy_order() {
        let t = super::text(None);
        let mut at = 0;
        for c in softbalance_core::StrategyCode::ALL {
            let i = t.find(&format!("{} ", c.as_str())).unwrap_or_else(|| panic!("{c} missing"));
            assert!(i >= at, "{c} out of order");
            at = i;
        }
        assert_eq!(super::CODES.iter().map(|c| c.0).collect::<Vec<_>>(), softbalance_core::StrategyCode::ALL.to_vec());
    }
}
