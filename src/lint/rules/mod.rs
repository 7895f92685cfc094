//! Every lint rule, one file each under a folder per code prefix, and the one list of them
//! ([`RULES`]). The list below *is* the registry: each line declares the rule's file (module) and
//! registers its static. Adding a rule = one new file `<group>/<rule_name>.rs` (declared with
//! `declare_rule!` in [`crate::lint::rule`], see `docs/architecture.md`) + one line here.
//!
//! Groups follow the code prefixes that `itsm explain` and `itsm list rules` explain:
//! - `content/`: C — content a grader looks for in any text (the manager's judgement, figures, results)
//! - `essay/`: E — whole-essay structure and substance (設問ア・イ・ウ)
//! - `format/`: F — the fixed module-paragraph format
//! - `numbers/`: N — numeric consistency (availability, totals, before/after)
//! - `style/`: S — style and wording
//! - `suppression/`: X — inline suppression comments

use super::rule::Rule;

/// Declares the group modules and builds [`RULES`] from the same list, so a rule cannot be
/// declared without being registered (or registered without a file).
macro_rules! registry {
    ($($group:ident { $($file:ident => $rule:ident,)* })*) => {
        $(
            pub(crate) mod $group {
                $(pub(crate) mod $file;)*
            }
        )*
        /// Every rule, sorted by code.
        pub static RULES: &[&Rule] = &[$($(&$group::$file::$rule,)*)*];
    };
}

registry! {
    content {
        no_manager_decision => NO_MANAGER_DECISION,
        missing_figures => MISSING_FIGURES,
        target_without_result => TARGET_WITHOUT_RESULT,
        target_result_mismatch => TARGET_RESULT_MISMATCH,
        textbook_generality => TEXTBOOK_GENERALITY,
        vague_resolution => VAGUE_RESOLUTION,
        vague_closing => VAGUE_CLOSING,
        cost_approval_without_amount => COST_APPROVAL_WITHOUT_AMOUNT,
        repeated_sentence => REPEATED_SENTENCE,
        restated_cost => RESTATED_COST,
    }
    essay {
        part_missing => PART_MISSING,
        part_duplicated => PART_DUPLICATED,
        part_order => PART_ORDER,
        part_length => PART_LENGTH,
        overview_missing => OVERVIEW_MISSING,
        evaluation_not_quantitative => EVALUATION_NOT_QUANTITATIVE,
        remaining_issues_missing => REMAINING_ISSUES_MISSING,
        subjective_evaluation => SUBJECTIVE_EVALUATION,
        thread_broken => THREAD_BROKEN,
        theme_drift => THEME_DRIFT,
        personal_blame => PERSONAL_BLAME,
        education_only => EDUCATION_ONLY,
        question_point_missing => QUESTION_POINT_MISSING,
        problem_raised_late => PROBLEM_RAISED_LATE,
        measure_off_problem => MEASURE_OFF_PROBLEM,
        target_late => TARGET_LATE,
        question_point_thin => QUESTION_POINT_THIN,
        requirement_unevaluated => REQUIREMENT_UNEVALUATED,
        off_question => OFF_QUESTION,
    }
    format {
        missing_technique_name => MISSING_TECHNIQUE_NAME,
        missing_feature_phrase => MISSING_FEATURE_PHRASE,
        missing_method_use => MISSING_METHOD_USE,
        missing_reason => MISSING_REASON,
        missing_service_problem => MISSING_SERVICE_PROBLEM,
        reason_ending => REASON_ENDING,
        missing_ingenuity => MISSING_INGENUITY,
        example_count => EXAMPLE_COUNT,
        format_order => FORMAT_ORDER,
        module_too_short => MODULE_TOO_SHORT,
        ingenuity_restates_method => INGENUITY_RESTATES_METHOD,
        method_problem_mismatch => METHOD_PROBLEM_MISMATCH,
        module_too_long => MODULE_TOO_LONG,
        reason_then_ingenuity => REASON_THEN_INGENUITY,
        example_adds_measure => EXAMPLE_ADDS_MEASURE,
        example_opens_with_background => EXAMPLE_OPENS_WITH_BACKGROUND,
        technique_is_activity => TECHNIQUE_IS_ACTIVITY,
    }
    numbers {
        availability_downtime_mismatch => AVAILABILITY_DOWNTIME_MISMATCH,
        part_total_mismatch => PART_TOTAL_MISMATCH,
        change_direction_mismatch => CHANGE_DIRECTION_MISMATCH,
        figure_contradiction => FIGURE_CONTRADICTION,
        period_mismatch => PERIOD_MISMATCH,
        rate_total_mismatch => RATE_TOTAL_MISMATCH,
    }
    style {
        bullet_or_enumeration => BULLET_OR_ENUMERATION,
        unexplained_abbreviation => UNEXPLAINED_ABBREVIATION,
        real_product_name => REAL_PRODUCT_NAME,
        desu_masu_style => DESU_MASU_STYLE,
        sentence_too_long => SENTENCE_TOO_LONG,
        too_many_commas => TOO_MANY_COMMAS,
        ambiguous_expression => AMBIGUOUS_EXPRESSION,
        generic_phrase => GENERIC_PHRASE,
        markdown_or_meta_text => MARKDOWN_OR_META_TEXT,
        industry_jargon => INDUSTRY_JARGON,
        source_trace => SOURCE_TRACE,
        halfwidth_katakana => HALFWIDTH_KATAKANA,
        fullwidth_ascii => FULLWIDTH_ASCII,
        placeholder_left => PLACEHOLDER_LEFT,
        ascii_comma => ASCII_COMMA,
    }
    suppression {
        unused_suppression => UNUSED_SUPPRESSION,
        invalid_suppression => INVALID_SUPPRESSION,
    }
}
