//! The numbers beside the animation. Each value carries `data-metric` (the
//! CLI's JSON field name) and `data-value` (the exact number), so tests and
//! readers can compare the page with `scalelab --json`.

use crate::components::{exact, num};
use crate::i18n::label;
use serde::Serialize;
use serde::ser::{self, Impossible, SerializeSeq, SerializeStruct};
use yew::prelude::*;

/// One metric's value.
#[derive(Clone, Debug, PartialEq)]
pub enum Cell {
    /// A number (every integer and float the labs report).
    Num(f64),
    /// One number per server, say.
    List(Vec<f64>),
    /// Not applicable (Che's prediction with a TTL, say).
    Missing,
}

/// One column of numbers (one run).
#[derive(Clone, PartialEq)]
pub struct Column {
    /// Heading (empty when there is one column).
    pub caption: String,
    /// The lab's metrics, by field name, in the struct's order.
    pub metrics: Vec<(&'static str, Cell)>,
    /// Fields of a shape the panel cannot show: each is listed as missing
    /// here, not dropped silently, and a test fails naming it.
    pub refused: Vec<&'static str>,
}

impl Column {
    /// A column from a lab's metrics: a struct of numbers, optional numbers
    /// and lists of numbers. A field of another shape shows as missing and is
    /// named in [`Column::refused`]; metrics that are not a struct give an
    /// empty column.
    pub fn of(caption: String, metrics: &impl Serialize) -> Column {
        let FieldList { cells, refused } = metrics.serialize(Fields).unwrap_or_default();
        Column { caption, metrics: cells, refused }
    }

    /// The value of the metric `name`.
    pub fn get(&self, name: &str) -> Option<&Cell> {
        self.metrics.iter().find(|(n, _)| *n == name).map(|(_, c)| c)
    }
}

// The metrics reach the panel through serde, as they reach the CLI's JSON,
// so the field names are the same; but instead of building a JSON tree, this
// serializer flattens the one struct into (name, cell) pairs.

/// A shape the panel cannot show.
#[derive(Debug)]
pub struct Unsupported;

impl std::fmt::Display for Unsupported {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("metrics must be a struct of numbers, optional numbers and lists of numbers")
    }
}

impl std::error::Error for Unsupported {}

impl ser::Error for Unsupported {
    fn custom<T: std::fmt::Display>(_: T) -> Self {
        Unsupported
    }
}

/// Serializes the metrics struct into its fields.
struct Fields;

/// The fields so far, and those of a shape the panel cannot show.
#[derive(Default)]
struct FieldList {
    cells: Vec<(&'static str, Cell)>,
    refused: Vec<&'static str>,
}

impl SerializeStruct for FieldList {
    type Ok = FieldList;
    type Error = Unsupported;

    fn serialize_field<T: ?Sized + Serialize>(
        &mut self,
        key: &'static str,
        value: &T,
    ) -> Result<(), Unsupported> {
        let cell = value.serialize(CellOf).unwrap_or_else(|Unsupported| {
            self.refused.push(key);
            Cell::Missing
        });
        self.cells.push((key, cell));
        Ok(())
    }

    fn end(self) -> Result<Self::Ok, Unsupported> {
        Ok(self)
    }
}

/// Serializes one field's value into a [`Cell`].
struct CellOf;

/// A list's numbers so far.
struct NumList(Vec<f64>);

impl SerializeSeq for NumList {
    type Ok = Cell;
    type Error = Unsupported;

    fn serialize_element<T: ?Sized + Serialize>(&mut self, value: &T) -> Result<(), Unsupported> {
        match value.serialize(CellOf)? {
            Cell::Num(x) => self.0.push(x),
            _ => return Err(Unsupported),
        }
        Ok(())
    }

    fn end(self) -> Result<Cell, Unsupported> {
        Ok(Cell::List(self.0))
    }
}

/// The `Serializer` methods of a shape the panel refuses; those marked
/// `@value` also take the value inside (`&T`).
macro_rules! unsupported {
    ($($method:ident($($arg:ty),*) -> $ok:ty;)* $(@value $vmethod:ident($($varg:ty),*) -> $vok:ty;)*) => {
        $(fn $method(self, $(_: $arg),*) -> Result<$ok, Unsupported> {
            Err(Unsupported)
        })*
        $(fn $vmethod<T: ?Sized + Serialize>(self, $(_: $varg,)* _: &T) -> Result<$vok, Unsupported> {
            Err(Unsupported)
        })*
    };
}

/// The `Serializer` methods of the numbers, each as an `f64`.
macro_rules! numbers {
    ($($method:ident($t:ty);)*) => {
        $(fn $method(self, v: $t) -> Result<Cell, Unsupported> {
            // Counts above 2^53 round, as they would in JSON.
            #[allow(clippy::cast_precision_loss, clippy::cast_lossless)]
            Ok(Cell::Num(v as f64))
        })*
    };
}

impl ser::Serializer for CellOf {
    type Ok = Cell;
    type Error = Unsupported;
    type SerializeSeq = NumList;
    type SerializeTuple = Impossible<Cell, Unsupported>;
    type SerializeTupleStruct = Impossible<Cell, Unsupported>;
    type SerializeTupleVariant = Impossible<Cell, Unsupported>;
    type SerializeMap = Impossible<Cell, Unsupported>;
    type SerializeStruct = Impossible<Cell, Unsupported>;
    type SerializeStructVariant = Impossible<Cell, Unsupported>;

    numbers! {
        serialize_i8(i8); serialize_i16(i16); serialize_i32(i32); serialize_i64(i64);
        serialize_u8(u8); serialize_u16(u16); serialize_u32(u32); serialize_u64(u64);
        serialize_f32(f32); serialize_f64(f64);
    }

    fn serialize_none(self) -> Result<Cell, Unsupported> {
        Ok(Cell::Missing)
    }

    fn serialize_some<T: ?Sized + Serialize>(self, value: &T) -> Result<Cell, Unsupported> {
        value.serialize(self)
    }

    fn serialize_seq(self, len: Option<usize>) -> Result<NumList, Unsupported> {
        Ok(NumList(Vec::with_capacity(len.unwrap_or(0))))
    }

    fn serialize_newtype_struct<T: ?Sized + Serialize>(
        self,
        _: &'static str,
        value: &T,
    ) -> Result<Cell, Unsupported> {
        value.serialize(self)
    }

    unsupported! {
        serialize_bool(bool) -> Cell;
        serialize_char(char) -> Cell;
        serialize_str(&str) -> Cell;
        serialize_bytes(&[u8]) -> Cell;
        serialize_unit() -> Cell;
        serialize_unit_struct(&'static str) -> Cell;
        serialize_unit_variant(&'static str, u32, &'static str) -> Cell;
        serialize_tuple(usize) -> Self::SerializeTuple;
        serialize_tuple_struct(&'static str, usize) -> Self::SerializeTupleStruct;
        serialize_tuple_variant(&'static str, u32, &'static str, usize) -> Self::SerializeTupleVariant;
        serialize_map(Option<usize>) -> Self::SerializeMap;
        serialize_struct(&'static str, usize) -> Self::SerializeStruct;
        serialize_struct_variant(&'static str, u32, &'static str, usize) -> Self::SerializeStructVariant;
        @value serialize_newtype_variant(&'static str, u32, &'static str) -> Cell;
    }
}

impl ser::Serializer for Fields {
    type Ok = FieldList;
    type Error = Unsupported;
    type SerializeSeq = Impossible<Self::Ok, Unsupported>;
    type SerializeTuple = Impossible<Self::Ok, Unsupported>;
    type SerializeTupleStruct = Impossible<Self::Ok, Unsupported>;
    type SerializeTupleVariant = Impossible<Self::Ok, Unsupported>;
    type SerializeMap = Impossible<Self::Ok, Unsupported>;
    type SerializeStruct = FieldList;
    type SerializeStructVariant = Impossible<Self::Ok, Unsupported>;

    fn serialize_struct(self, _: &'static str, len: usize) -> Result<FieldList, Unsupported> {
        Ok(FieldList { cells: Vec::with_capacity(len), refused: Vec::new() })
    }

    unsupported! {
        serialize_bool(bool) -> Self::Ok;
        serialize_i8(i8) -> Self::Ok;
        serialize_i16(i16) -> Self::Ok;
        serialize_i32(i32) -> Self::Ok;
        serialize_i64(i64) -> Self::Ok;
        serialize_u8(u8) -> Self::Ok;
        serialize_u16(u16) -> Self::Ok;
        serialize_u32(u32) -> Self::Ok;
        serialize_u64(u64) -> Self::Ok;
        serialize_f32(f32) -> Self::Ok;
        serialize_f64(f64) -> Self::Ok;
        serialize_char(char) -> Self::Ok;
        serialize_str(&str) -> Self::Ok;
        serialize_bytes(&[u8]) -> Self::Ok;
        serialize_none() -> Self::Ok;
        serialize_unit() -> Self::Ok;
        serialize_unit_struct(&'static str) -> Self::Ok;
        serialize_unit_variant(&'static str, u32, &'static str) -> Self::Ok;
        serialize_seq(Option<usize>) -> Self::SerializeSeq;
        serialize_tuple(usize) -> Self::SerializeTuple;
        serialize_tuple_struct(&'static str, usize) -> Self::SerializeTupleStruct;
        serialize_tuple_variant(&'static str, u32, &'static str, usize) -> Self::SerializeTupleVariant;
        serialize_map(Option<usize>) -> Self::SerializeMap;
        serialize_struct_variant(&'static str, u32, &'static str, usize) -> Self::SerializeStructVariant;
        @value serialize_some() -> Self::Ok;
        @value serialize_newtype_struct(&'static str) -> Self::Ok;
        @value serialize_newtype_variant(&'static str, u32, &'static str) -> Self::Ok;
    }
}

/// A cell as (text shown, exact value for `data-value`).
fn show(c: &Cell) -> (String, String) {
    let one = |x: f64| {
        let decimals = if x.abs() >= 100.0 { 1 } else { 3 };
        (num(x, decimals), exact(x))
    };
    match c {
        Cell::Num(x) => one(*x),
        Cell::List(items) => {
            let parts: Vec<(String, String)> = items.iter().map(|&x| one(x)).collect();
            let text = parts.iter().map(|p| p.0.as_str()).collect::<Vec<_>>().join(" · ");
            let exact = parts.iter().map(|p| p.1.as_str()).collect::<Vec<_>>().join(",");
            (text, exact)
        }
        // Not applicable: a dash, no value.
        Cell::Missing => ("—".to_owned(), String::new()),
    }
}

/// A table of numbers: a row per metric in `shown` (in order, worded by
/// `labels`), a column per run.
pub fn metrics_panel(
    title: &str,
    labels: &[(&str, &str)],
    shown: &[&'static str],
    columns: &[Column],
) -> Html {
    let many = columns.len() > 1;
    html! {
        <section class="metrics" aria-labelledby="metrics-title">
            <h2 id="metrics-title">{ title }</h2>
            <table>
                if many {
                    <thead><tr><th></th>{ for columns.iter().map(|c| html! { <th scope="col">{ &c.caption }</th> }) }</tr></thead>
                }
                <tbody>
                { for shown.iter().map(|&name| html! {
                    <tr>
                        <th scope="row">{ label(labels, name) }</th>
                        { for columns.iter().enumerate().map(|(i, c)| {
                            let (text, exact) = c.get(name).map(show).unwrap_or_default();
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

#[cfg(test)]
mod tests {
    use super::*;
    use scalelab_core::SimTime;
    use scalelab_core::input::Choice;
    use scalelab_core::lab::{Lab, LabId};
    use scalelab_core::labs::Visitor;

    /// The panel's cells are the CLI's JSON fields: same names, same order,
    /// same numbers.
    fn matches_json<L: Lab>(seed: u64) {
        let mut lab = L::new(Default::default(), seed).unwrap();
        lab.run_until(SimTime::from_ms(2_000));
        let metrics = lab.metrics();
        let column = Column::of(String::new(), &metrics);
        let json = serde_json::to_value(&metrics).unwrap();
        let json = json.as_object().unwrap();
        assert!(column.refused.is_empty(), "{}: the panel cannot show {:?}", L::ID.name(), column.refused);
        let names: Vec<&str> = column.metrics.iter().map(|(n, _)| *n).collect();
        assert_eq!(names, json.keys().map(String::as_str).collect::<Vec<_>>());
        for (name, cell) in &column.metrics {
            let want = match &json[*name] {
                serde_json::Value::Null => Cell::Missing,
                serde_json::Value::Array(xs) => Cell::List(xs.iter().map(|x| x.as_f64().unwrap()).collect()),
                x => Cell::Num(x.as_f64().unwrap()),
            };
            assert_eq!(*cell, want, "{name}");
        }
    }

    #[test]
    fn cells_match_the_cli_json() {
        struct Matches;
        impl Visitor for Matches {
            type Output = ();
            fn lab<L: Lab>(self) {
                matches_json::<L>(3);
            }
        }
        LabId::ALL.iter().for_each(|id| id.visit(Matches));
    }

    #[test]
    fn a_field_it_cannot_show_is_named_not_dropped() {
        #[derive(Serialize)]
        struct Odd {
            fine: u32,
            label: &'static str,
            also: f64,
        }
        let c = Column::of(String::new(), &Odd { fine: 1, label: "x", also: 2.5 });
        assert_eq!(c.refused, ["label"]);
        assert_eq!(c.metrics, [("fine", Cell::Num(1.0)), ("label", Cell::Missing), ("also", Cell::Num(2.5))]);
    }

    #[test]
    fn other_shapes_give_an_empty_column() {
        assert!(Column::of(String::new(), &"text").metrics.is_empty());
        assert!(Column::of(String::new(), &vec![1, 2]).metrics.is_empty());
        #[derive(Serialize)]
        struct Named {
            name: &'static str,
        }
        assert_eq!(Column::of(String::new(), &Named { name: "x" }).refused, ["name"]);
    }

    #[test]
    fn cells_read_as_text_and_exact_values() {
        assert_eq!(show(&Cell::Num(1234.5678)), ("1234.6".to_owned(), "1234.5678".to_owned()));
        assert_eq!(show(&Cell::Num(0.25)), ("0.25".to_owned(), "0.25".to_owned()));
        assert_eq!(show(&Cell::List(vec![1.0, 0.5])), ("1 · 0.5".to_owned(), "1,0.5".to_owned()));
        assert_eq!(show(&Cell::Missing), ("—".to_owned(), String::new()));
    }
}
