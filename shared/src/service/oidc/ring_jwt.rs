//! The crypto backend `jsonwebtoken` signs and verifies with: ring, which the project
//! already uses. (The crate's own backends, RustCrypto and aws-lc, would each bring a
//! second crypto library into every binary.) RS256 only, the one algorithm the provider
//! publishes; anything else is refused as `InvalidAlgorithm`.

use jsonwebtoken::crypto::{CryptoProvider, JwtSigner, JwtVerifier, KeyUtils};
use jsonwebtoken::errors::{Error, ErrorKind};
use jsonwebtoken::jwk::ThumbprintHash;
use jsonwebtoken::signature::{self, Signer, Verifier};
use jsonwebtoken::{Algorithm, AlgorithmFamily, DecodingKey, DecodingKeyKind, EncodingKey};
use ring::rand::SystemRandom;
use ring::signature::{RsaKeyPair, RsaPublicKeyComponents, UnparsedPublicKey};
use ring::signature::{RSA_PKCS1_2048_8192_SHA256, RSA_PKCS1_SHA256};

static RING: CryptoProvider = CryptoProvider {
    signer_factory: signer,
    verifier_factory: verifier,
    key_utils: KeyUtils {
        rsa_pub_components_from_private_key: rsa_public_components,
        rsa_pub_components_from_public_key: |_| Err(ErrorKind::UnsupportedAlgorithm.into()),
        ec_pub_components_from_private_key: |_, _| Err(ErrorKind::UnsupportedAlgorithm.into()),
        ed_pub_components_from_private_key: |_, _| Err(ErrorKind::UnsupportedAlgorithm.into()),
        compute_digest: digest,
    },
};

/// Makes ring the process's backend for `jsonwebtoken` (again: nothing to do). Another
/// backend installed first is a start-up error: it would not read our PKCS#8 keys.
pub(super) fn install() -> Result<(), String> {
    match RING.install_default() {
        Ok(()) => Ok(()),
        Err(installed) if std::ptr::eq(installed, &RING) => Ok(()),
        Err(_) => Err("another crypto backend for jsonwebtoken is installed".into()),
    }
}

/// A private key in PKCS#8, as configuration holds it (`EncodingKey::from_rsa_der` is
/// given those bytes), or in PKCS#1, what that function takes with the crate's backends.
fn key_pair(der: &[u8]) -> Result<RsaKeyPair, Error> {
    RsaKeyPair::from_pkcs8(der)
        .or_else(|_| RsaKeyPair::from_der(der))
        .map_err(|e| ErrorKind::InvalidRsaKey(e.to_string()).into())
}

fn only_rs256(algorithm: &Algorithm, family: AlgorithmFamily) -> Result<(), Error> {
    match (algorithm, family) {
        (Algorithm::RS256, AlgorithmFamily::Rsa) => Ok(()),
        _ => Err(ErrorKind::InvalidAlgorithm.into()),
    }
}

struct Rs256Signer(RsaKeyPair);

fn signer(algorithm: &Algorithm, key: &EncodingKey) -> Result<Box<dyn JwtSigner>, Error> {
    only_rs256(algorithm, key.family())?;
    Ok(Box::new(Rs256Signer(key_pair(key.as_bytes())?)))
}

impl Signer<Vec<u8>> for Rs256Signer {
    fn try_sign(&self, msg: &[u8]) -> Result<Vec<u8>, signature::Error> {
        let mut sig = vec![0; self.0.public().modulus_len()];
        self.0.sign(&RSA_PKCS1_SHA256, &SystemRandom::new(), msg, &mut sig).map_err(|_| signature::Error::new())?;
        Ok(sig)
    }
}

impl JwtSigner for Rs256Signer {
    fn algorithm(&self) -> Algorithm {
        Algorithm::RS256
    }
}

struct Rs256Verifier(DecodingKey);

fn verifier(algorithm: &Algorithm, key: &DecodingKey) -> Result<Box<dyn JwtVerifier>, Error> {
    only_rs256(algorithm, key.family())?;
    Ok(Box::new(Rs256Verifier(key.clone())))
}

impl Verifier<Vec<u8>> for Rs256Verifier {
    fn verify(&self, msg: &[u8], sig: &Vec<u8>) -> Result<(), signature::Error> {
        let alg = &RSA_PKCS1_2048_8192_SHA256;
        match self.0.kind() {
            // A JWK's `n` and `e`.
            DecodingKeyKind::RsaModulusExponent { n, e } => RsaPublicKeyComponents { n, e }.verify(alg, msg, sig),
            // A PKCS#1 `RSAPublicKey`.
            DecodingKeyKind::SecretOrDer(der) => UnparsedPublicKey::new(alg, der).verify(msg, sig),
        }
        .map_err(|_| signature::Error::new())
    }
}

impl JwtVerifier for Rs256Verifier {
    fn algorithm(&self) -> Algorithm {
        Algorithm::RS256
    }
}

fn rsa_public_components(der: &[u8]) -> Result<(Vec<u8>, Vec<u8>), Error> {
    let public = RsaPublicKeyComponents::<Vec<u8>>::from(key_pair(der)?.public());
    Ok((public.n, public.e))
}

fn digest(data: &[u8], hash: ThumbprintHash) -> Result<Vec<u8>, Error> {
    let algorithm = match hash {
        ThumbprintHash::SHA256 => &ring::digest::SHA256,
        ThumbprintHash::SHA384 => &ring::digest::SHA384,
        ThumbprintHash::SHA512 => &ring::digest::SHA512,
        _ => return Err(ErrorKind::UnsupportedAlgorithm.into()),
    };
    Ok(ring::digest::digest(algorithm, data).as_ref().to_vec())
}
