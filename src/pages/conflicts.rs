//! Two versions of one record (coordinator app, under the sync settings):
//! the fields in which they differ side by side, and a choice. The chosen
//! version becomes the record's next revision and syncs like any change
//! (`service::conflicts`).

use crate::app::{DataVersion, Services, Texts};
use crate::i18n::{self, fill, import::list_name, I18n, Key};
use crate::service::conflicts::{Choice, Conflict};
use leptos::prelude::*;
use leptos::task::spawn_local;
use serde_json::Value;
use std::rc::Rc;

#[component]
pub fn ConflictsSection() -> impl IntoView {
    let i18n = expect_context::<I18n>();
    let services = expect_context::<Services>();
    let version = expect_context::<DataVersion>();
    let message = RwSignal::new(None::<(bool, String)>);
    let conflicts = crate::components::loaded(move || {
        version.0.track();
        let service = services.conflicts();
        async move { service.list().await.unwrap_or_default() }
    });

    let choose = move |conflict: Rc<Conflict>, choice: Choice| {
        spawn_local(async move {
            let outcome = services.conflicts().choose(&conflict, choice).await;
            message.set(Some(match outcome {
                Ok(()) => (true, i18n.t(Key::ConflictsChosen).to_owned()),
                Err(error) => (false, i18n::storage_message(i18n.locale(), &error)),
            }));
            version.bump();
        });
    };

    let item = move |conflict: Conflict| {
        let conflict = Rc::new(conflict);
        let id = conflict.version.id.to_string();
        let title = fill(
            i18n.t(Key::ConflictsRecord),
            &[
                ("list", list_name(i18n.locale(), conflict.version.kind)),
                ("id", &id[id.len().saturating_sub(8)..]),
            ],
        );
        let rows = conflict
            .fields
            .iter()
            .map(|field| {
                let here = shown(conflict.stored.get(field));
                let other = shown(conflict.version.kept.get(field));
                let label = i18n::conflicts::field_label(i18n.locale(), field).to_owned();
                view! { <tr><th scope="row">{label}</th><td>{here}</td><td>{other}</td></tr> }
            })
            .collect_view();
        let (keep_here, keep_other) = (conflict.clone(), conflict.clone());
        view! {
            <li class="conflict">
                <h4>{title.clone()}</h4>
                <table>
                    <caption class="visually-hidden">{title}</caption>
                    <thead><tr>
                        <th scope="col">{i18n.text(Key::ConflictsField)}</th>
                        <th scope="col">{i18n.text(Key::ConflictsHere)}</th>
                        <th scope="col">{i18n.text(Key::ConflictsOther)}</th>
                    </tr></thead>
                    <tbody>{rows}</tbody>
                </table>
                <div class="actions-row">
                    <button type="button" class="nl-button nl-button--secondary" on:click=move |_| choose(keep_here.clone(), Choice::Here)>
                        {i18n.text(Key::ConflictsKeepHere)}
                    </button>
                    <button type="button" class="nl-button nl-button--secondary" on:click=move |_| choose(keep_other.clone(), Choice::Other)>
                        {i18n.text(Key::ConflictsKeepOther)}
                    </button>
                </div>
            </li>
        }
    };

    view! {
        <h3 class="nl-heading nl-heading--level-3">{i18n.text(Key::ConflictsTitle)}</h3>
        <p class="hint">{i18n.text(Key::ConflictsHint)}</p>
        <p role="status" data-testid="conflicts-message" class=move || match message.get() {
            Some((false, _)) => "notice error",
            _ => "",
        }>{move || message.get().map(|(_, m)| m)}</p>
        {move || {
            let list = conflicts.get().unwrap_or_default();
            if list.is_empty() {
                view! { <p data-testid="conflicts-none">{i18n.t(Key::ConflictsNone)}</p> }.into_any()
            } else {
                view! { <ul class="conflicts" data-testid="conflicts">{list.into_iter().map(item).collect_view()}</ul> }.into_any()
            }
        }}
    }
}

/// A field's value as text: text as it is, lists and numbers as JSON.
fn shown(value: Option<&Value>) -> String {
    match value {
        None | Some(Value::Null) => "—".into(),
        Some(Value::String(text)) => text.clone(),
        Some(other) => other.to_string(),
    }
}
