//! The names of a record's fields as the coordinator reads them, for the
//! screen that puts two versions of one record side by side (settings area).

use super::{Key, Locale};

/// The label of the record field `field` ("contact_moments" →
/// "Contactmomenten"); a field this app does not know (written by a newer
/// app) shows as it is named.
pub fn field_label<'a>(locale: &Locale, field: &'a str) -> &'a str {
    match field_key(field) {
        Some(key) => locale.text(key),
        None => field,
    }
}

fn field_key(field: &str) -> Option<Key> {
    Some(match field {
        "location" => Key::ConflictsLabelLocation,
        "occurred_at" => Key::ConflictsLabelOccurredAt,
        "channel" => Key::ConflictsLabelChannel,
        "support_form" => Key::ConflictsLabelSupportForm,
        "domains" => Key::ConflictsLabelDomains,
        "outcome" => Key::ConflictsLabelOutcome,
        "referrer" => Key::ConflictsLabelReferrer,
        "awareness" => Key::ConflictsLabelAwareness,
        "target_groups" => Key::ConflictsLabelTargetGroups,
        "duration_minutes" => Key::ConflictsLabelDurationMinutes,
        "note" => Key::ConflictsLabelNote,
        "initials" => Key::ConflictsLabelInitials,
        "title" => Key::ConflictsLabelTitle,
        "activity_kind" => Key::ConflictsLabelActivityKind,
        "initiative_kind" => Key::ConflictsLabelInitiativeKind,
        "theme" => Key::ConflictsLabelTheme,
        "survey" => Key::ConflictsLabelSurvey,
        "meetings" => Key::ConflictsLabelMeetings,
        "name" => Key::ConflictsLabelName,
        "start" => Key::ConflictsLabelStart,
        "status" => Key::ConflictsLabelStatus,
        "participants" => Key::ConflictsLabelParticipants,
        "support" => Key::ConflictsLabelSupport,
        "code" => Key::ConflictsLabelCode,
        "age_band" => Key::ConflictsLabelAgeBand,
        "household" => Key::ConflictsLabelHousehold,
        "main_domains" => Key::ConflictsLabelMainDomains,
        "goals" => Key::ConflictsLabelGoals,
        "intake" => Key::ConflictsLabelIntake,
        "positive_health" => Key::ConflictsLabelPositiveHealth,
        "contact_moments" => Key::ConflictsLabelContactMoments,
        "closing" => Key::ConflictsLabelClosing,
        "survey_id" => Key::ConflictsLabelSurveyId,
        "survey_version" => Key::ConflictsLabelSurveyVersion,
        "date" => Key::ConflictsLabelDate,
        "lang" => Key::ConflictsLabelLang,
        "answers" => Key::ConflictsLabelAnswers,
        "activity" => Key::ConflictsLabelActivity,
        "sealed" => Key::ConflictsLabelSealed,
        "version" => Key::ConflictsLabelVersion,
        "languages" => Key::ConflictsLabelLanguages,
        "unchecked_languages" => Key::ConflictsLabelUncheckedLanguages,
        "intro" => Key::ConflictsLabelIntro,
        "kpis" => Key::ConflictsLabelKpis,
        "sections" => Key::ConflictsLabelSections,
        "invited" => Key::ConflictsLabelInvited,
        "list" => Key::ConflictsLabelList,
        "terms" => Key::ConflictsLabelTerms,
        "bands" => Key::ConflictsLabelBands,
        "updated_at" => Key::ConflictsLabelUpdatedAt,
        _ => return None,
    })
}
