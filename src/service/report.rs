//! The jaarbeeld's use case: read the records the report needs once, into
//! the compact [`ReportData`], then compute the figures for any scope from
//! it as often as the coordinator changes the filters. The data worker runs
//! it (`crate::worker::report`), so a large organisation's year is read off
//! the page's thread.
//!
//! Thin: what a record contributes and how figures are counted is the
//! domain's ([`crate::domain::report`]).

use super::activities::Activity;
use super::answers::{readable, AnswerOpener};
use super::initiatives::Initiative;
use super::org_lists::{stored_lists, taxonomy_in_effect};
use super::trajectories::Trajectory;
use super::Env;
use crate::domain::contact::Contact;
use crate::domain::record::{RecordId, RecordKind};
use crate::domain::report::data::ReportData;
use crate::domain::report::figures::{compute, Report};
use crate::domain::report::period::Scope;
use crate::domain::survey::record::SurveyResponse;
use crate::domain::survey::stored::StoredSurvey;
use crate::domain::taxonomy::Taxonomy;
use crate::storage::{RecordStore, StorageError};

/// The records of the device as the report reads them, and the lists in
/// effect (their labels and Koo's domain groups).
pub struct ReportSource {
    pub data: ReportData,
    pub taxonomy: Taxonomy,
}

impl ReportSource {
    /// Reads every live record of the kinds the report counts (deleted and
    /// unreadable records are left out by the store) and the lists in
    /// effect. Contacts are placed in local time (`env.to_local`), so the
    /// month, the weekday and the hour are the wijkplein's.
    /// Sealed survey responses are opened with `opener` (in memory only);
    /// those it cannot open are counted apart.
    pub async fn load<S: RecordStore, E: Env, O: AnswerOpener>(
        store: &S,
        env: &E,
        opener: &O,
    ) -> Result<Self, StorageError> {
        let mut data = ReportData::default();
        // The contacts (most of a year's records) as one text, each read
        // for its codes only.
        let contacts = store
            .stored_array(RecordKind::Contact, ReportData::STORED_CONTACT_FIELDS)
            .await?;
        let older = data
            .add_stored_contacts(&contacts, |utc| env.to_local(utc))
            .map_err(|e| StorageError::Corrupt(e.to_string()))?;
        drop(contacts);
        // Those of an older layout whole, through their upgrades.
        for id in older {
            let Ok(id) = uuid::Uuid::parse_str(&id) else {
                continue;
            };
            if let Some(contact) = store.get::<Contact>(RecordId(id)).await? {
                let local = env.to_local(contact.fields.occurred_at);
                data.add_contact(&contact.fields, local);
            }
        }
        for trajectory in store.list::<Trajectory>().await? {
            data.add_trajectory(&trajectory.fields);
        }
        for activity in store.list::<Activity>().await? {
            data.add_activity(&activity.meta.id.to_string(), &activity.fields);
        }
        for initiative in store.list::<Initiative>().await? {
            data.add_initiative(&initiative.fields);
        }
        for response in store.list::<SurveyResponse>().await? {
            // One that does not open stays sealed: `add_response` counts it
            // as unopened.
            let opened = readable(opener, &response.meta.id, &response.fields).await;
            let content = opened.as_ref().unwrap_or(&response.fields);
            data.add_response(&response.meta.id.to_string(), content);
        }
        let stored: Vec<_> = store
            .list::<StoredSurvey>()
            .await?
            .into_iter()
            .map(|s| s.fields.survey)
            .collect();
        // A stored version of a template (with its invited count) replaces
        // the built-in one.
        for template in env.templates().await.iter().cloned() {
            if !stored
                .iter()
                .any(|s| s.id == template.id && s.version == template.version)
            {
                data.add_survey(template);
            }
        }
        for definition in stored {
            data.add_survey(definition);
        }
        let taxonomy = taxonomy_in_effect(&stored_lists(store).await?);
        Ok(Self { data, taxonomy })
    }

    /// The figures for `scope` (and the period before it).
    pub fn compute(&self, scope: &Scope) -> Report {
        compute(&self.data, scope, &self.taxonomy)
    }
}
