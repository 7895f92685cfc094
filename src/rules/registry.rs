//! The one list of rules, sorted by code. Adding a rule = one file + one line here.

use super::Rule;

pub static RULES: &[&Rule] = &[
    &super::manager_view::MANAGER_VIEW,
    &super::no_figures::NO_FIGURES,
    &super::no_result::NO_RESULT,
    &super::target_result_mismatch::TARGET_RESULT_MISMATCH,
    &super::textbook_generality::TEXTBOOK_GENERALITY,
    &super::part_missing::PART_MISSING,
    &super::part_duplicated::PART_DUPLICATED,
    &super::part_order::PART_ORDER,
    &super::part_length::PART_LENGTH,
    &super::overview_missing::OVERVIEW_MISSING,
    &super::evaluation_quantitative::EVALUATION_QUANTITATIVE,
    &super::remaining_issues::REMAINING_ISSUES,
    &super::subjective_evaluation::SUBJECTIVE_EVALUATION,
    &super::thread_broken::THREAD_BROKEN,
    &super::theme_drift::THEME_DRIFT,
    &super::personal_blame::PERSONAL_BLAME,
    &super::education_only::EDUCATION_ONLY,
    &super::question_point::QUESTION_POINT,
    &super::problem_raised_late::PROBLEM_RAISED_LATE,
    &super::measure_off_problem::MEASURE_OFF_PROBLEM,
    &super::target_late::TARGET_LATE,
    &super::question_point_thin::QUESTION_POINT_THIN,
    &super::requirement_unevaluated::REQUIREMENT_UNEVALUATED,
    &super::vague_resolution::VAGUE_RESOLUTION,
    &super::format_name::FORMAT_NAME,
    &super::format_feature::FORMAT_FEATURE,
    &super::format_method::FORMAT_METHOD,
    &super::format_reason::FORMAT_REASON,
    &super::format_problem::FORMAT_PROBLEM,
    &super::format_reason_ending::FORMAT_REASON_ENDING,
    &super::format_ingenuity::FORMAT_INGENUITY,
    &super::example_count::EXAMPLE_COUNT,
    &super::format_order::FORMAT_ORDER,
    &super::module_length::MODULE_LENGTH,
    &super::ingenuity_restates_method::INGENUITY_RESTATES_METHOD,
    &super::method_problem_mismatch::METHOD_PROBLEM_MISMATCH,
    &super::availability_math::AVAILABILITY_MATH,
    &super::part_total::PART_TOTAL,
    &super::change_direction::CHANGE_DIRECTION,
    &super::figure_contradiction::FIGURE_CONTRADICTION,
    &super::period_mismatch::PERIOD_MISMATCH,
    &super::rate_total_mismatch::RATE_TOTAL_MISMATCH,
    &super::bullet::BULLET,
    &super::abbreviation::ABBREVIATION,
    &super::product_name::PRODUCT_NAME,
    &super::style_mix::STYLE_MIX,
    &super::sentence_length::SENTENCE_LENGTH,
    &super::comma_count::COMMA_COUNT,
    &super::ambiguous::AMBIGUOUS,
    &super::generic_phrase::GENERIC_PHRASE,
    &super::markdown_leftover::MARKDOWN_LEFTOVER,
    &super::jargon::JARGON,
    &super::source_trace::SOURCE_TRACE,
    &super::halfwidth_katakana::HALFWIDTH_KATAKANA,
    &super::fullwidth_ascii::FULLWIDTH_ASCII,
    &super::unused_suppression::UNUSED_SUPPRESSION,
    &super::invalid_suppression::INVALID_SUPPRESSION,
];

/// Find a rule by code (`F001`) or name (`missing-technique-name`), case-insensitively.
pub fn find(key: &str) -> Option<&'static Rule> {
    RULES
        .iter()
        .copied()
        .find(|r| r.code.eq_ignore_ascii_case(key) || r.name.eq_ignore_ascii_case(key))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn codes_are_unique_sorted_and_documented() {
        let codes: Vec<&str> = RULES.iter().map(|r| r.code).collect();
        let mut sorted = codes.clone();
        sorted.sort();
        sorted.dedup();
        assert_eq!(codes, sorted, "codes must be unique and sorted");
        for r in RULES {
            assert!(
                r.name.chars().all(|c| c.is_ascii_lowercase() || c == '-'),
                "{} is not kebab-case",
                r.name
            );
            for h in ["## 何を検出するか", "## なぜ問題か", "## 例", "## 設定"] {
                assert!(r.explanation.contains(h), "{} lacks {h}", r.code);
            }
        }
    }
}
