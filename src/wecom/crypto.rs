//! 企业微信's callback crypto, pure: the SHA-1 message signature over the sorted
//! token, timestamp, nonce and ciphertext; AES-256-CBC with the key decoded from
//! the EncodingAESKey (IV = its first 16 bytes, PKCS#7 padding to 32-byte
//! blocks); the plaintext framing (16 random bytes, a 4-byte big-endian length,
//! the message, the receive id). No I/O, no clock, no randomness: the caller
//! passes the random prefix when encrypting.

use aes::cipher::{BlockDecryptMut, BlockEncryptMut, KeyIvInit, block_padding::NoPadding};
use base64::Engine as _;
use base64::engine::general_purpose::{GeneralPurpose, GeneralPurposeConfig, STANDARD};
use sha1::{Digest, Sha1};
use thiserror::Error;

type Encryptor = cbc::Encryptor<aes::Aes256>;
type Decryptor = cbc::Decryptor<aes::Aes256>;

/// Base64 that tolerates the non-zero trailing bits of the key's 43rd
/// character (the platform's keys have them; its own libraries decode leniently).
const LENIENT: GeneralPurpose = GeneralPurpose::new(
    &base64::alphabet::STANDARD,
    GeneralPurposeConfig::new().with_decode_allow_trailing_bits(true),
);

/// The block size WeCom pads to (PKCS#7 with 32-byte blocks, not AES's 16).
const PAD_BLOCK: usize = 32;

/// Why a callback could not be verified or read.
#[derive(Debug, Clone, PartialEq, Eq, Error)]
pub enum CryptoError {
    /// The EncodingAESKey is not 43 characters of Base64 that decode to 32 bytes.
    #[error("EncodingAESKey 应为 43 个字符(Base64,解码后 32 字节)")]
    BadKey,
    /// The signature does not match the token, timestamp, nonce and ciphertext.
    #[error("signature mismatch")]
    BadSignature,
    /// The ciphertext is not Base64 or not a whole number of AES blocks.
    #[error("ciphertext is not Base64 of whole AES blocks")]
    BadCiphertext,
    /// The decrypted padding or framing (length field) is inconsistent.
    #[error("decrypted data is malformed")]
    BadPlaintext,
    /// The message is addressed to another receive id (corp id).
    #[error("message for another receive id")]
    WrongReceiver,
}

/// The AES key and the receive id of one application.
#[derive(Clone)]
pub struct Crypto {
    token: String,
    key: [u8; 32],
    receive_id: String,
}

impl std::fmt::Debug for Crypto {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        // Never the token or the key.
        f.debug_struct("Crypto")
            .field("receive_id", &self.receive_id)
            .finish_non_exhaustive()
    }
}

impl Crypto {
    /// From the console's Token and EncodingAESKey (43 characters) and the
    /// receive id (the corp id for an internal application).
    pub fn new(
        token: &str,
        encoding_aes_key: &str,
        receive_id: &str,
    ) -> Result<Crypto, CryptoError> {
        let k = encoding_aes_key.trim();
        if k.len() != 43 {
            return Err(CryptoError::BadKey);
        }
        let bytes = LENIENT
            .decode(format!("{k}="))
            .map_err(|_| CryptoError::BadKey)?;
        let key: [u8; 32] = bytes.try_into().map_err(|_| CryptoError::BadKey)?;
        Ok(Crypto {
            token: token.to_string(),
            key,
            receive_id: receive_id.to_string(),
        })
    }

    /// The signature of a ciphertext: SHA-1 (hex) of the token, timestamp, nonce
    /// and ciphertext, sorted and joined.
    pub fn signature(&self, timestamp: &str, nonce: &str, encrypted: &str) -> String {
        signature(&self.token, timestamp, nonce, encrypted)
    }

    /// Checks `msg_signature` (in constant time), then decrypts; the message
    /// must be addressed to this receive id.
    pub fn verify_and_decrypt(
        &self,
        msg_signature: &str,
        timestamp: &str,
        nonce: &str,
        encrypted: &str,
    ) -> Result<String, CryptoError> {
        let expected = self.signature(timestamp, nonce, encrypted);
        if !constant_time_eq(expected.as_bytes(), msg_signature.trim().as_bytes()) {
            return Err(CryptoError::BadSignature);
        }
        self.decrypt(encrypted)
    }

    /// Decrypts a Base64 ciphertext and checks its receive id.
    pub fn decrypt(&self, encrypted: &str) -> Result<String, CryptoError> {
        let (message, receiver) = self.decrypt_parts(encrypted)?;
        if receiver != self.receive_id {
            return Err(CryptoError::WrongReceiver);
        }
        Ok(message)
    }

    /// Decrypts a Base64 ciphertext into its message and receive id.
    pub fn decrypt_parts(&self, encrypted: &str) -> Result<(String, String), CryptoError> {
        let mut data = STANDARD
            .decode(encrypted.trim())
            .map_err(|_| CryptoError::BadCiphertext)?;
        if data.is_empty() || data.len() % 16 != 0 {
            return Err(CryptoError::BadCiphertext);
        }
        let iv: [u8; 16] = self.key[..16].try_into().expect("16 bytes");
        let plain = Decryptor::new(&self.key.into(), &iv.into())
            .decrypt_padded_mut::<NoPadding>(&mut data)
            .map_err(|_| CryptoError::BadCiphertext)?;
        let pad = *plain.last().ok_or(CryptoError::BadPlaintext)? as usize;
        if pad == 0 || pad > PAD_BLOCK || pad > plain.len() {
            return Err(CryptoError::BadPlaintext);
        }
        let body = &plain[..plain.len() - pad];
        if body.len() < 20 {
            return Err(CryptoError::BadPlaintext);
        }
        let len = u32::from_be_bytes(body[16..20].try_into().expect("4 bytes")) as usize;
        let rest = &body[20..];
        if len > rest.len() {
            return Err(CryptoError::BadPlaintext);
        }
        let message =
            String::from_utf8(rest[..len].to_vec()).map_err(|_| CryptoError::BadPlaintext)?;
        let receiver =
            String::from_utf8(rest[len..].to_vec()).map_err(|_| CryptoError::BadPlaintext)?;
        Ok((message, receiver))
    }

    /// Encrypts a message for this receive id with the given 16 random bytes
    /// (Base64 out): what the platform does, for tests and replies.
    pub fn encrypt(&self, random: &[u8; 16], message: &str) -> String {
        let mut plain = Vec::with_capacity(20 + message.len() + self.receive_id.len() + PAD_BLOCK);
        plain.extend_from_slice(random);
        plain.extend_from_slice(&(message.len() as u32).to_be_bytes());
        plain.extend_from_slice(message.as_bytes());
        plain.extend_from_slice(self.receive_id.as_bytes());
        let pad = PAD_BLOCK - plain.len() % PAD_BLOCK;
        plain.extend(std::iter::repeat_n(pad as u8, pad));
        let len = plain.len();
        let iv: [u8; 16] = self.key[..16].try_into().expect("16 bytes");
        let out = Encryptor::new(&self.key.into(), &iv.into())
            .encrypt_padded_mut::<NoPadding>(&mut plain, len)
            .expect("whole blocks");
        STANDARD.encode(out)
    }
}

/// SHA-1 (lower-case hex) of the four strings sorted and joined.
pub fn signature(token: &str, timestamp: &str, nonce: &str, encrypted: &str) -> String {
    let mut parts = [token, timestamp, nonce, encrypted];
    parts.sort_unstable();
    let mut h = Sha1::new();
    for p in parts {
        h.update(p.as_bytes());
    }
    h.finalize().iter().map(|b| format!("{b:02x}")).collect()
}

/// Compares two byte strings in time independent of where they differ.
pub fn constant_time_eq(a: &[u8], b: &[u8]) -> bool {
    if a.len() != b.len() {
        return false;
    }
    a.iter().zip(b).fold(0u8, |acc, (x, y)| acc | (x ^ y)) == 0
}

#[cfg(test)]
mod tests {
    use super::*;

    // The platform's published sample (企业微信 加解密库 Sample): token,
    // EncodingAESKey and corp id as the console would show them.
    const TOKEN: &str = "hJqcu3uJ9Tn2gXPmxx2w9kkCkCE2EPYo";
    const AES_KEY: &str = "6qkdMrq68nTKduznJYO1A37W2oEgpkMUvkttRToqhUt";
    const CORP_ID: &str = "ww1436e0e65a779aee";

    fn sample() -> Crypto {
        Crypto::new(TOKEN, AES_KEY, CORP_ID).unwrap()
    }

    /// The sample's URL verification: signature checked, echostr decrypted.
    #[test]
    fn published_url_verification_vector() {
        let echo = "fsi1xnbH4yQh0+PJxcOdhhK6TDXkjMyhEPA7xB2TGz6b+g7xyAbEkRxN/3cNXW9qdqjnoVzEtpbhnFyq6SVHyA==";
        let c = sample();
        assert_eq!(
            c.signature("1476416373", "47744683", echo),
            "012bc692d0a58dd4b10f8dfe5c4ac00ae211ebeb"
        );
        let plain = c
            .verify_and_decrypt(
                "012bc692d0a58dd4b10f8dfe5c4ac00ae211ebeb",
                "1476416373",
                "47744683",
                echo,
            )
            .unwrap();
        assert_eq!(plain, "1288432023552776189");
    }

    /// The sample's message callback: signature checked, XML decrypted.
    #[test]
    fn published_message_vector() {
        let enc = "Kl7kjoSf6DMD1zh7rtrHjFaDapSCkaOnwu3bqLc5tAybhhMl9pFeK8NslNPVdMwmBQTNoW4mY7AIjeLvEl3NyeTkAgGzBhzTtRLNshw2AEew+kkYcD+Fq72Kt00fT0WnN87hGrW8SqGc+NcT3mu87Ha3dz1pSDi6GaUA6A0sqfde0VJPQbZ9U+3JWcoD4Z5jaU0y9GSh010wsHF8KZD24YhmZH4ch4Ka7ilEbjbfvhKkNL65HHL0J6EYJIZUC2pFrdkJ7MhmEbU2qARR4iQHE7wy24qy0cRX3Mfp6iELcDNfSsPGjUQVDGxQDCWjayJOpcwocugux082f49HKYg84EpHSGXAyh+/oxwaWbvL6aSDPOYuPDGOCI8jmnKiypE+";
        let c = sample();
        let xml = c
            .verify_and_decrypt(
                "0c3914025cb4b4d68103f6bfc8db550f79dcf48e",
                "1476422779",
                "1597212914",
                enc,
            )
            .unwrap();
        assert_eq!(
            xml,
            "<xml><ToUserName>ww1436e0e65a779aee</ToUserName><FromUserName>ChenJiaShun</FromUserName><CreateTime>1476422779</CreateTime><MsgType>text</MsgType><Content>你好</Content><MsgId>1456453720</MsgId><AgentID>1000002</AgentID></xml>"
        );
        // One changed character of the signature, or of the nonce, is rejected.
        assert_eq!(
            c.verify_and_decrypt(
                "0c3914025cb4b4d68103f6bfc8db550f79dcf48f",
                "1476422779",
                "1597212914",
                enc
            ),
            Err(CryptoError::BadSignature)
        );
        assert_eq!(
            c.verify_and_decrypt(
                "0c3914025cb4b4d68103f6bfc8db550f79dcf48e",
                "1476422779",
                "1597212915",
                enc
            ),
            Err(CryptoError::BadSignature)
        );
        // Another corp's receive id.
        let other = Crypto::new(TOKEN, AES_KEY, "ww0000000000000000").unwrap();
        assert_eq!(other.decrypt(enc), Err(CryptoError::WrongReceiver));
    }

    /// Encrypted by an independent implementation (Python `cryptography`,
    /// random prefix "0123456789abcdef"): the same bytes both ways.
    #[test]
    fn matches_an_independent_encryption() {
        let c = sample();
        let theirs = "scEag1243Fmy/fYz4Ux8D5YC4s+cgJLB9rfS9PcByT2l2S9KE3/pRvp1emXlDE8H2DbhUv93Vu7tw+0+JCfV4g==";
        assert_eq!(c.encrypt(b"0123456789abcdef", "我是中文abcd123"), theirs);
        assert_eq!(c.decrypt(theirs).unwrap(), "我是中文abcd123");
    }

    #[test]
    fn encrypts_what_it_decrypts_with_32_byte_padding() {
        let c = sample();
        for msg in ["", "a", "我是中文abcd123", &"长".repeat(300)] {
            let enc = c.encrypt(b"0123456789abcdef", msg);
            let raw = STANDARD.decode(&enc).unwrap();
            assert_eq!(raw.len() % 32, 0);
            assert_eq!(c.decrypt(&enc).unwrap(), msg);
        }
    }

    #[test]
    fn rejects_bad_keys_and_ciphertexts() {
        assert_eq!(
            Crypto::new(TOKEN, "short", CORP_ID).unwrap_err(),
            CryptoError::BadKey
        );
        assert_eq!(
            Crypto::new(TOKEN, &"!".repeat(43), CORP_ID).unwrap_err(),
            CryptoError::BadKey
        );
        let c = sample();
        assert_eq!(c.decrypt("not base64!"), Err(CryptoError::BadCiphertext));
        assert_eq!(c.decrypt("AAAA"), Err(CryptoError::BadCiphertext));
        // Whole blocks of garbage decrypt to a bad framing, never a panic.
        let garbage = STANDARD.encode([7u8; 64]);
        assert!(c.decrypt(&garbage).is_err());
    }

    #[test]
    fn debug_hides_secrets() {
        let s = format!("{:?}", sample());
        assert!(!s.contains(TOKEN) && !s.contains("6qkd"), "{s}");
    }
}
