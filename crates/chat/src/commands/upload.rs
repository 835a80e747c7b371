//! /upload: how to add a rule document from the chat (the file itself comes with
//! its caption, which transports hand to `Conversation::upload`).

use rulebot_core::rules::upload::ACCEPTED;

use crate::conversation::{Conversation, Incoming, Reply};

pub(super) fn run(c: &Conversation, m: &Incoming<'_>, _args: &str, reply_to: Option<i64>) -> Reply {
    if let Err(refusal) = c.may_upload(m) {
        return refusal;
    }
    Reply::plain(
        format!(
            "请发送规则文件({ACCEPTED},不超过 2 MB),并在文件说明中写明地区和标题,例如:\n/upload 株洲 《株洲市人民政府公文处理办法》\n全国性文件写:/upload 全国 《职工带薪年休假条例》\n检查结果出来后回复“确认”即加入规则库。在终端(rulebot chat)中写:上传 文件路径 株洲 《标题》"
        ),
        reply_to,
    )
}
