//! 企业微信's callback XML, pure: the envelope a POST carries (`Encrypt`,
//! `ToUserName`, `AgentID`) and the decrypted message (`FromUserName`,
//! `MsgType`, `Content`, `MsgId`, `CreateTime`, and `ChatId` when the message
//! comes from a group chat), read with quick-xml; text and CDATA alike.

use std::collections::HashMap;

use quick_xml::Reader;
use quick_xml::events::Event;
use thiserror::Error;

/// Why a callback body could not be read.
#[derive(Debug, Clone, PartialEq, Eq, Error)]
pub enum XmlError {
    /// Not well-formed XML.
    #[error("malformed XML: {0}")]
    Malformed(String),
    /// A field the message must have is missing or empty.
    #[error("missing field {0}")]
    Missing(&'static str),
}

/// The fields (children of the root element) of a flat XML document, by name;
/// nested elements' text is ignored.
pub fn fields(xml: &str) -> Result<HashMap<String, String>, XmlError> {
    let mut reader = Reader::from_str(xml);
    let mut out = HashMap::new();
    let mut depth = 0usize;
    let mut current: Option<(String, String)> = None;
    let bad = |e: quick_xml::Error| XmlError::Malformed(e.to_string());
    loop {
        match reader.read_event().map_err(bad)? {
            Event::Start(e) => {
                depth += 1;
                if depth == 2 {
                    let name = e.name().as_ref().to_string();
                    current = Some((name, String::new()));
                }
            }
            Event::Empty(e) if depth == 1 => {
                out.insert(e.name().as_ref().to_string(), String::new());
            }
            Event::End(_) => {
                if depth == 2
                    && let Some((name, value)) = current.take()
                {
                    out.insert(name, value);
                }
                depth = depth.saturating_sub(1);
            }
            Event::Text(t) if depth == 2 => {
                if let Some((_, v)) = current.as_mut() {
                    v.push_str(&t.xml10_content());
                }
            }
            Event::CData(t) if depth == 2 => {
                if let Some((_, v)) = current.as_mut() {
                    v.push_str(&t.into_inner());
                }
            }
            Event::GeneralRef(r) if depth == 2 => {
                let ch = match r.resolve_char_ref().map_err(bad)? {
                    Some(c) => c,
                    None => match r.as_ref() {
                        "lt" => '<',
                        "gt" => '>',
                        "amp" => '&',
                        "quot" => '"',
                        "apos" => '\'',
                        other => {
                            return Err(XmlError::Malformed(format!("unknown entity &{other};")));
                        }
                    },
                };
                if let Some((_, v)) = current.as_mut() {
                    v.push(ch);
                }
            }
            Event::Eof => break,
            _ => {}
        }
    }
    if depth != 0 {
        return Err(XmlError::Malformed("unclosed element".into()));
    }
    Ok(out)
}

/// The POST envelope: the ciphertext and whom it is for.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Envelope {
    /// The Base64 ciphertext.
    pub encrypt: String,
    /// The corp id the platform addressed (checked again inside the ciphertext).
    pub to_user: Option<String>,
}

/// Reads the envelope of a POSTed callback.
pub fn envelope(xml: &str) -> Result<Envelope, XmlError> {
    let mut f = fields(xml)?;
    let encrypt = f
        .remove("Encrypt")
        .filter(|s| !s.trim().is_empty())
        .ok_or(XmlError::Missing("Encrypt"))?;
    Ok(Envelope {
        encrypt: encrypt.trim().to_string(),
        to_user: f.remove("ToUserName"),
    })
}

/// A decrypted callback message.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Message {
    /// The sender's userid.
    pub from: String,
    /// text, image, event, …
    pub msg_type: String,
    /// The text of a text message.
    pub content: Option<String>,
    /// The message id (events have none).
    pub msg_id: Option<String>,
    /// The send time (Unix seconds), when given.
    pub create_time: Option<i64>,
    /// The application's agent id.
    pub agent_id: Option<String>,
    /// The group chat's id, for a message from a group chat.
    pub chat_id: Option<String>,
    /// An event's kind (`template_card_event` for a card's button).
    pub event: Option<String>,
    /// A pressed card button's key.
    pub event_key: Option<String>,
    /// The card's task id.
    pub task_id: Option<String>,
    /// The one-time code that updates the pressed card.
    pub response_code: Option<String>,
}

/// Reads a decrypted callback message.
pub fn message(xml: &str) -> Result<Message, XmlError> {
    let mut f = fields(xml)?;
    let mut take = |k: &str| f.remove(k).filter(|s| !s.trim().is_empty());
    let from = take("FromUserName").ok_or(XmlError::Missing("FromUserName"))?;
    let msg_type = take("MsgType").ok_or(XmlError::Missing("MsgType"))?;
    Ok(Message {
        from: from.trim().to_string(),
        msg_type: msg_type.trim().to_ascii_lowercase(),
        content: take("Content"),
        msg_id: take("MsgId").map(|s| s.trim().to_string()),
        create_time: take("CreateTime").and_then(|s| s.trim().parse().ok()),
        agent_id: take("AgentID").map(|s| s.trim().to_string()),
        chat_id: take("ChatId").map(|s| s.trim().to_string()),
        event: take("Event").map(|s| s.trim().to_string()),
        event_key: take("EventKey").map(|s| s.trim().to_string()),
        task_id: take("TaskId").map(|s| s.trim().to_string()),
        response_code: take("ResponseCode").map(|s| s.trim().to_string()),
    })
}

/// Escapes text for an XML element (tests build callbacks with it).
pub fn escape(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            _ => out.push(c),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_the_envelope() {
        let e = envelope(
            "<xml><ToUserName><![CDATA[ww1436e0e65a779aee]]></ToUserName>\n<Encrypt><![CDATA[abc+/=]]></Encrypt>\n<AgentID><![CDATA[1000002]]></AgentID>\n</xml>",
        )
        .unwrap();
        assert_eq!(e.encrypt, "abc+/=");
        assert_eq!(e.to_user.as_deref(), Some("ww1436e0e65a779aee"));
        assert_eq!(
            envelope("<xml><ToUserName>x</ToUserName></xml>"),
            Err(XmlError::Missing("Encrypt"))
        );
        assert!(matches!(
            envelope("<xml><Encrypt>a</xml>"),
            Err(XmlError::Malformed(_))
        ));
        assert!(envelope("not xml at all <").is_err());
    }

    #[test]
    fn reads_a_text_message_plain_or_cdata() {
        let m = message(
            "<xml><ToUserName>ww1436e0e65a779aee</ToUserName><FromUserName>ChenJiaShun</FromUserName><CreateTime>1476422779</CreateTime><MsgType>text</MsgType><Content>你好</Content><MsgId>1456453720</MsgId><AgentID>1000002</AgentID></xml>",
        )
        .unwrap();
        assert_eq!(m.from, "ChenJiaShun");
        assert_eq!(m.msg_type, "text");
        assert_eq!(m.content.as_deref(), Some("你好"));
        assert_eq!(m.msg_id.as_deref(), Some("1456453720"));
        assert_eq!(m.create_time, Some(1476422779));
        assert_eq!(m.chat_id, None);
        let m = message(
            "<xml><FromUserName><![CDATA[zhangsan]]></FromUserName><MsgType><![CDATA[text]]></MsgType><Content><![CDATA[a<b & \"c\"]]></Content><ChatId><![CDATA[wrkSFfCgAAxx]]></ChatId></xml>",
        )
        .unwrap();
        assert_eq!(m.content.as_deref(), Some("a<b & \"c\""));
        assert_eq!(m.chat_id.as_deref(), Some("wrkSFfCgAAxx"));
    }

    #[test]
    fn entities_and_escape_round_trip() {
        let text = "条文<第四十四条> & \"会签\"";
        let xml = format!(
            "<xml><FromUserName>u</FromUserName><MsgType>text</MsgType><Content>{}</Content></xml>",
            escape(text)
        );
        assert_eq!(message(&xml).unwrap().content.as_deref(), Some(text));
        let xml = "<xml><FromUserName>u</FromUserName><MsgType>text</MsgType><Content>&#x4F60;&#22909;</Content></xml>";
        assert_eq!(message(xml).unwrap().content.as_deref(), Some("你好"));
    }

    #[test]
    fn events_have_no_content_and_missing_sender_is_an_error() {
        let m = message(
            "<xml><FromUserName>u</FromUserName><MsgType>event</MsgType><Event>enter_agent</Event></xml>",
        )
        .unwrap();
        assert_eq!(m.msg_type, "event");
        assert_eq!(m.content, None);
        assert_eq!(m.event.as_deref(), Some("enter_agent"));
        let m = message(
            "<xml><FromUserName><![CDATA[u]]></FromUserName><MsgType><![CDATA[event]]></MsgType><Event><![CDATA[template_card_event]]></Event><EventKey><![CDATA[done@ab12]]></EventKey><TaskId><![CDATA[rb1_2]]></TaskId><CardType><![CDATA[button_interaction]]></CardType><ResponseCode><![CDATA[rc9]]></ResponseCode></xml>",
        )
        .unwrap();
        assert_eq!(m.event_key.as_deref(), Some("done@ab12"));
        assert_eq!(m.task_id.as_deref(), Some("rb1_2"));
        assert_eq!(m.response_code.as_deref(), Some("rc9"));
        assert_eq!(
            message("<xml><MsgType>text</MsgType></xml>"),
            Err(XmlError::Missing("FromUserName"))
        );
    }
}
