//! Filling in surveys: check a response against its definition, store it
//! durably and anonymously, and count what is stored and waiting.

use super::Env;
use crate::domain::record::RecordKind;
use crate::domain::survey::{
    validate_response, ResponseContent, ResponseError, SurveyDefinition, SurveyResponse,
};
use crate::storage::{RecordStore, StorageError};
use std::collections::BTreeMap;
use std::rc::Rc;

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum SubmitError {
    Invalid(Vec<ResponseError>),
    Storage(StorageError),
}

/// Responses on this device for one survey.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct ResponseCount {
    pub stored: u32,
    /// Not yet synced or exported.
    pub waiting: u32,
}

pub struct SurveyService<S, E> {
    store: Rc<S>,
    env: E,
    device_id: String,
}

impl<S: RecordStore, E: Env> SurveyService<S, E> {
    pub fn new(store: Rc<S>, env: E, device_id: String) -> Self {
        Self {
            store,
            env,
            device_id,
        }
    }

    /// An empty response to `definition` in `lang`, dated today (local).
    pub fn start(&self, definition: &SurveyDefinition, lang: &str) -> ResponseContent {
        let today = self.env.to_local(self.env.now()).date();
        ResponseContent::new(&definition.id, definition.version, today, lang)
    }

    /// Validates and stores a response; returns only once it is durable.
    pub async fn submit(
        &self,
        definition: &SurveyDefinition,
        content: &ResponseContent,
    ) -> Result<SurveyResponse, SubmitError> {
        let clean = validate_response(definition, content).map_err(SubmitError::Invalid)?;
        let mut random = [0u8; 16];
        random[..10].copy_from_slice(&self.env.random_bytes());
        random[10..].copy_from_slice(&self.env.random_bytes()[..6]);
        let response = SurveyResponse::new(clean, random, &self.device_id);
        self.store
            .insert(&response)
            .await
            .map_err(SubmitError::Storage)?;
        Ok(response)
    }

    /// Stored and waiting responses per survey id.
    pub async fn counts(&self) -> Result<BTreeMap<String, ResponseCount>, StorageError> {
        let responses: Vec<SurveyResponse> = self.store.list().await?;
        let mut counts: BTreeMap<String, ResponseCount> = BTreeMap::new();
        for response in responses.iter().filter(|r| !r.meta.deleted) {
            let count = counts
                .entry(response.content.survey_id.clone())
                .or_default();
            count.stored += 1;
            if response.meta.is_pending() {
                count.waiting += 1;
            }
        }
        Ok(counts)
    }

    /// Responses on this device not yet synced or exported.
    pub async fn waiting(&self) -> Result<u32, StorageError> {
        Ok(self
            .store
            .kind_stats(RecordKind::SurveyResponse)
            .await?
            .pending)
    }
}
