package org.chorusedi.controls;

/** SIRET checks (brief 6.2): 14 digits, Luhn over the SIRET and its SIREN, La Poste's own rule. */
public final class Siret {

    private static final String LA_POSTE_SIREN = "356000000";
    private static final String LA_POSTE_HEAD_OFFICE = "35600000000048";

    private Siret() {
    }

    public static boolean isFourteenDigits(String value) {
        return value != null && value.length() == 14 && value.chars().allMatch(c -> c >= '0' && c <= '9');
    }

    public static boolean isValid(String siret) {
        if (!isFourteenDigits(siret)) {
            return false;
        }
        if (siret.startsWith(LA_POSTE_SIREN) && !siret.equals(LA_POSTE_HEAD_OFFICE)) {
            // La Poste's establishments: the sum of the 14 digits is a multiple of 5.
            return siret.chars().map(c -> c - '0').sum() % 5 == 0;
        }
        return luhn(siret) && luhn(siret.substring(0, 9));
    }

    static boolean luhn(String digits) {
        int sum = 0;
        boolean twice = false;
        for (int i = digits.length() - 1; i >= 0; i--) {
            int d = digits.charAt(i) - '0';
            if (twice) {
                d *= 2;
                if (d > 9) {
                    d -= 9;
                }
            }
            sum += d;
            twice = !twice;
        }
        return sum % 10 == 0;
    }
}
