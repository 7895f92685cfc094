//! The merged configuration as an ordered tree, printed as YAML or JSON (`itsm config --dump`).

// ---------------------------------------------------------------------------------------------
// Dump

/// An ordered tree for `itsm config --dump` (keys keep their order in both YAML and JSON).
#[derive(Debug, Clone, PartialEq)]
pub enum Node {
    Null,
    Int(i64),
    Str(String),
    List(Vec<Node>),
    Map(Vec<(String, Node)>),
}

impl Node {
    pub fn to_json(&self) -> String {
        let mut out = String::new();
        self.json_into(&mut out, 0);
        out.push('\n');
        out
    }

    fn json_into(&self, out: &mut String, indent: usize) {
        let pad = "  ".repeat(indent + 1);
        match self {
            Node::Null => out.push_str("null"),
            Node::Int(i) => out.push_str(&i.to_string()),
            Node::Str(s) => out.push_str(&quote(s)),
            Node::List(items) if items.is_empty() => out.push_str("[]"),
            Node::Map(items) if items.is_empty() => out.push_str("{}"),
            Node::List(items) => {
                out.push_str("[\n");
                for (i, n) in items.iter().enumerate() {
                    out.push_str(&pad);
                    n.json_into(out, indent + 1);
                    out.push_str(if i + 1 < items.len() { ",\n" } else { "\n" });
                }
                out.push_str(&"  ".repeat(indent));
                out.push(']');
            }
            Node::Map(items) => {
                out.push_str("{\n");
                for (i, (k, n)) in items.iter().enumerate() {
                    out.push_str(&pad);
                    out.push_str(&quote(k));
                    out.push_str(": ");
                    n.json_into(out, indent + 1);
                    out.push_str(if i + 1 < items.len() { ",\n" } else { "\n" });
                }
                out.push_str(&"  ".repeat(indent));
                out.push('}');
            }
        }
    }

    /// Block YAML; strings are double-quoted (JSON string syntax is valid YAML).
    pub fn to_yaml(&self) -> String {
        let mut out = String::new();
        match self {
            Node::Map(items) => Self::yaml_map(items, &mut out, 0),
            other => {
                out.push_str(&other.yaml_inline());
                out.push('\n');
            }
        }
        out
    }

    fn yaml_inline(&self) -> String {
        match self {
            Node::Null => "null".into(),
            Node::Int(i) => i.to_string(),
            Node::Str(s) => quote(s),
            Node::List(items) => format!(
                "[{}]",
                items
                    .iter()
                    .map(Node::yaml_inline)
                    .collect::<Vec<_>>()
                    .join(", ")
            ),
            Node::Map(items) => format!(
                "{{{}}}",
                items
                    .iter()
                    .map(|(k, v)| format!("{}: {}", yaml_key(k), v.yaml_inline()))
                    .collect::<Vec<_>>()
                    .join(", ")
            ),
        }
    }

    fn yaml_map(items: &[(String, Node)], out: &mut String, indent: usize) {
        let pad = "  ".repeat(indent);
        for (k, v) in items {
            match v {
                Node::Map(inner) if !inner.is_empty() && indent == 0 => {
                    out.push_str(&format!("{pad}{}:\n", yaml_key(k)));
                    Self::yaml_map(inner, out, indent + 1);
                }
                _ => out.push_str(&format!("{pad}{}: {}\n", yaml_key(k), v.yaml_inline())),
            }
        }
    }
}

fn quote(s: &str) -> String {
    serde_json::to_string(s).expect("a string serialises")
}

fn yaml_key(k: &str) -> String {
    if !k.is_empty()
        && k.chars()
            .all(|c| c.is_alphanumeric() || matches!(c, '-' | '_'))
        && !k.chars().next().is_some_and(|c| c.is_ascii_digit())
    {
        k.to_owned()
    } else {
        quote(k)
    }
}
