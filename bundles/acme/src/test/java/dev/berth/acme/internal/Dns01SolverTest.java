package dev.berth.acme.internal;

import static org.junit.Assert.assertEquals;

import org.junit.Test;

public class Dns01SolverTest {

    @Test
    public void txtValueIsTheBase64UrlSha256OfTheKeyAuthorization() {
        // the vector of acme4j's Dns01ChallengeTest; `openssl dgst -sha256 -binary | base64url` gives the same
        assertEquals("rzMmotrIgsithyBYc0vgiLUEEKYx0WetQRgEF2JIozA", Dns01Solver.txtValue(
                "pNvmJivs0WCko2suV7fhe-59oFqyYx_yB7tx6kIMAyE.HnWjTDnyqlCrm6tZ-6wX-TrEXgRdeNu9G71gqxSO6o0"));
        // FIPS 180-2's "abc"
        assertEquals("ungWv48Bz-pBQUDeXa4iI7ADYaOWF3qctBD_YfIAFa0", Dns01Solver.txtValue("abc"));
    }

    @Test
    public void aWildcardUsesItsBaseNamesLabel() {
        assertEquals("_acme-challenge.www.example.test.", Dns01Solver.recordName("www.example.test"));
        assertEquals("_acme-challenge.apps.example.test.", Dns01Solver.recordName("*.apps.example.test"));
        assertEquals("_acme-challenge.apps.example.test.", Dns01Solver.recordName("APPS.example.test."));
    }
}
