//! Chinese date and time phrases in a question → dates and moments (Asia/Shanghai).
