//! Filling in surveys: check a response against its definition, store it
//! durably and anonymously, and count what is stored and waiting.

use super::answers::AnswerSealer;
use super::entries::Entries;
use super::Env;
use crate::domain::record::RecordKind;
use crate::domain::survey::edit::{begin_edit, check_save, duplicate, publish, EditError};
use crate::domain::survey::record::{response_id, response_with_id};
use crate::domain::survey::sealed;
use crate::domain::survey::{
    validate_response, ResponseContent, ResponseError, StoredSurvey, SurveyDefinition,
    SurveyResponse, SurveyVersion,
};
use crate::storage::{RecordStore, StorageError};
use std::rc::Rc;

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum SubmitError {
    Invalid(Vec<ResponseError>),
    /// The survey asks for sealed answers and the browser could not seal
    /// them: nothing was stored, the answers are still on the screen.
    Sealing,
    Storage(StorageError),
}

/// Why a coordinator's change to a survey was not saved.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum AdminError {
    Edit(EditError),
    Storage(StorageError),
}

impl From<StorageError> for AdminError {
    fn from(error: StorageError) -> Self {
        Self::Storage(error)
    }
}

/// Responses on this device for one survey.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct ResponseCount {
    pub stored: u32,
    /// Not yet synced or exported.
    pub waiting: u32,
}

/// No sealing: [`SurveyService::submit`].
struct NoSealer;

impl AnswerSealer for NoSealer {
    async fn seal(&self, _: &str, _: &str) -> Option<sealed::Sealed> {
        None
    }
}

pub struct SurveyService<S, E> {
    entries: Entries<S, E>,
    store: Rc<S>,
    device_id: String,
}

impl<S: RecordStore, E: Env> SurveyService<S, E> {
    pub fn new(store: Rc<S>, env: E, device_id: String) -> Self {
        Self {
            entries: Entries::new(store.clone(), env, device_id.clone()),
            store,
            device_id,
        }
    }

    /// An empty response to `definition` in `lang`, dated today (local).
    pub fn start(&self, definition: &SurveyDefinition, lang: &str) -> ResponseContent {
        let today = self.entries.today();
        ResponseContent::new(&definition.id, definition.version, today, lang)
    }

    /// Validates and stores a response; returns only once it is durable.
    pub async fn submit(
        &self,
        definition: &SurveyDefinition,
        content: &ResponseContent,
    ) -> Result<SurveyResponse, SubmitError> {
        self.submit_sealed::<NoSealer>(definition, content, None)
            .await
    }

    /// As [`SurveyService::submit`]; with a `sealer`, the answers and
    /// language are sealed for the organisation's key
    /// (`domain::survey::sealed`) before anything is stored: the device
    /// keeps, and sends, only the envelope and the seal.
    pub async fn submit_sealed<K: AnswerSealer>(
        &self,
        definition: &SurveyDefinition,
        content: &ResponseContent,
        sealer: Option<&K>,
    ) -> Result<SurveyResponse, SubmitError> {
        let clean = validate_response(definition, content).map_err(SubmitError::Invalid)?;
        let mut random = [0u8; 16];
        let env = self.entries.env();
        random[..10].copy_from_slice(&env.random_bytes());
        random[10..].copy_from_slice(&env.random_bytes()[..6]);
        let id = response_id(random);
        let kept = match sealer {
            None => clean,
            Some(sealer) => {
                let mut envelope = sealed::envelope(&clean);
                let seal = sealer
                    .seal(
                        &sealed::secret(&clean),
                        &sealed::associated_data(&id, &envelope),
                    )
                    .await
                    .ok_or(SubmitError::Sealing)?;
                envelope.sealed = Some(seal);
                envelope
            }
        };
        let response = response_with_id(id, kept, &self.device_id);
        self.entries
            .add(&response)
            .await
            .map_err(SubmitError::Storage)?;
        Ok(response)
    }

    /// Stored and waiting responses to one survey (all its versions),
    /// counted by the store without reading the responses.
    pub async fn count(&self, survey_id: &str) -> Result<ResponseCount, StorageError> {
        let (stored, waiting) = self.store.response_count(survey_id).await?;
        Ok(ResponseCount { stored, waiting })
    }

    /// Responses stored here that were handed out at the group activity
    /// `activity` (its id), counted by the store without reading them.
    pub async fn responses_at(&self, activity: &str) -> Result<u32, StorageError> {
        self.store.responses_at(activity).await
    }

    /// Responses on this device not yet synced or exported.
    pub async fn waiting(&self) -> Result<u32, StorageError> {
        Ok(self
            .store
            .kind_stats(RecordKind::SurveyResponse)
            .await?
            .pending)
    }

    /// Every survey version known here: the built-in templates and the
    /// organisation's own (all versions, so old responses stay readable).
    pub async fn versions(&self) -> Result<Vec<SurveyDefinition>, StorageError> {
        let stored: Vec<SurveyDefinition> = self
            .entries
            .live::<SurveyVersion>()
            .await?
            .into_iter()
            .map(|s| s.fields.survey)
            .collect();
        // A stored version of a template (its invited count) replaces it
        // in its place: the templates first, in their order, then the own
        // surveys (a card must not move when its invited count is saved).
        let builtin = self.entries.env().templates().await;
        let (of_templates, own): (Vec<SurveyDefinition>, Vec<SurveyDefinition>) = stored
            .into_iter()
            .partition(|s| builtin.iter().any(|t| t.id == s.id));
        let mut all = Vec::new();
        for template in builtin.iter().cloned() {
            let versions: Vec<&SurveyDefinition> = of_templates
                .iter()
                .filter(|s| s.id == template.id)
                .collect();
            if !versions.iter().any(|s| s.version == template.version) {
                all.push(template);
            }
            all.extend(versions.into_iter().cloned());
        }
        all.extend(own);
        Ok(all)
    }

    /// Saves `next` under the editing rules (`edit::check_save`): a draft
    /// over itself, a published version frozen but for `invited`, a new
    /// version after a published one. One record per (survey id, version).
    pub async fn save_version(
        &self,
        next: &SurveyDefinition,
    ) -> Result<SurveyDefinition, AdminError> {
        let stored: Vec<StoredSurvey> = self.entries.live().await?;
        let same_survey: Vec<&StoredSurvey> = stored
            .iter()
            .filter(|s| s.fields.survey.id == next.id)
            .collect();
        let builtin = self.entries.env().templates().await;
        let previous = same_survey
            .iter()
            .map(|s| &s.fields.survey)
            .max_by_key(|d| d.version)
            .or_else(|| builtin.iter().find(|d| d.id == next.id));
        check_save(previous, next).map_err(AdminError::Edit)?;
        let existing = same_survey
            .iter()
            .find(|s| s.fields.survey.version == next.version)
            .copied();
        let content = SurveyVersion {
            survey: next.clone(),
        };
        self.entries.save(content, existing).await?;
        Ok(next.clone())
    }

    /// A copy of `from` as the organisation's own new survey (a draft).
    pub async fn duplicate(&self, from: &SurveyDefinition) -> Result<SurveyDefinition, AdminError> {
        let bytes = self.entries.env().random_bytes();
        let mut id = String::from("eigen-");
        for b in &bytes[..4] {
            id.push_str(&format!("{b:02x}"));
        }
        self.save_version(&duplicate(from, &id)).await
    }

    /// Publishes a draft, when it is valid; residents then get this version.
    pub async fn publish(&self, draft: &SurveyDefinition) -> Result<SurveyDefinition, AdminError> {
        let published =
            publish(draft).map_err(|errors| AdminError::Edit(EditError::Invalid(errors)))?;
        self.save_version(&published).await
    }

    /// The version to edit: a draft itself, or a new draft after a published
    /// version (stored at once, so it shows in the list).
    pub async fn edit(
        &self,
        definition: &SurveyDefinition,
    ) -> Result<SurveyDefinition, AdminError> {
        let next = begin_edit(definition);
        if next == *definition {
            Ok(next)
        } else {
            self.save_version(&next).await
        }
    }

    /// Records how many residents were invited (for the response rate).
    pub async fn set_invited(
        &self,
        definition: &SurveyDefinition,
        invited: u32,
    ) -> Result<SurveyDefinition, AdminError> {
        self.save_version(&SurveyDefinition {
            invited,
            ..definition.clone()
        })
        .await
    }
}
