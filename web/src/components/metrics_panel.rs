//! The numbers beside the animation. Each value carries `data-metric` (the
//! CLI's JSON field name) and `data-value` (the exact number), so tests and
//! readers can compare the page with `scalelab --json`.

use crate::components::num;
use crate::i18n::label;
use serde_json::{Map, Value};
use yew::prelude::*;

/// One column of numbers (one run).
#[derive(Clone, PartialEq)]
pub struct Column {
    /// Heading (empty when there is one column).
    pub caption: String,
    /// The lab's metrics as JSON (field name → value).
    pub metrics: Map<String, Value>,
}

impl Column {
    /// A column from any serializable metrics.
    pub fn of(caption: String, metrics: &impl serde::Serialize) -> Column {
        let metrics = match serde_json::to_value(metrics) {
            Ok(Value::Object(m)) => m,
            _ => Map::new(),
        };
        Column { caption, metrics }
    }
}

/// Props of [`MetricsPanel`].
#[derive(Properties, PartialEq)]
pub struct MetricsPanelProps {
    /// Section title.
    pub title: &'static str,
    /// Label per metric name.
    pub labels: &'static [(&'static str, &'static str)],
    /// Which metrics to show, in order.
    pub shown: &'static [&'static str],
    /// One column per run.
    pub columns: Vec<Column>,
}

fn show(v: &Value) -> (String, String) {
    match v {
        Value::Number(n) => {
            let x = n.as_f64().unwrap_or(0.0);
            let decimals = if x.abs() >= 100.0 { 1 } else { 3 };
            (num(x, decimals), x.to_string())
        }
        Value::Array(items) => {
            let parts: Vec<(String, String)> = items.iter().map(show).collect();
            let text = parts.iter().map(|p| p.0.as_str()).collect::<Vec<_>>().join(" · ");
            let exact = parts.iter().map(|p| p.1.as_str()).collect::<Vec<_>>().join(",");
            (text, exact)
        }
        // Not applicable (Che's prediction with a TTL, say): a dash, no value.
        Value::Null => ("—".to_owned(), String::new()),
        other => (other.to_string(), other.to_string()),
    }
}

/// A table of numbers: a row per metric, a column per run.
#[function_component(MetricsPanel)]
pub fn metrics_panel(p: &MetricsPanelProps) -> Html {
    let many = p.columns.len() > 1;
    html! {
        <section class="metrics" aria-labelledby="metrics-title">
            <h2 id="metrics-title">{ p.title }</h2>
            <table>
                if many {
                    <thead><tr><th></th>{ for p.columns.iter().map(|c| html! { <th scope="col">{ &c.caption }</th> }) }</tr></thead>
                }
                <tbody>
                { for p.shown.iter().map(|&name| html! {
                    <tr>
                        <th scope="row">{ label(p.labels, name) }</th>
                        { for p.columns.iter().enumerate().map(|(i, c)| {
                            let (text, exact) = c.metrics.get(name).map(show).unwrap_or_default();
                            // The first column is the run the link describes: it carries the names.
                            let metric = (i == 0).then_some(name);
                            html! { <td data-metric={metric} data-value={exact}>{ text }</td> }
                        }) }
                    </tr>
                }) }
                </tbody>
            </table>
        </section>
    }
}
