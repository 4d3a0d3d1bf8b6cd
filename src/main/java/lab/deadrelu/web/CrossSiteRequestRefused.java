package lab.deadrelu.web;

/** Thrown by {@link CrossSiteGuard}; answered with 403. Carries no stack trace: it is an expected outcome. */
final class CrossSiteRequestRefused extends RuntimeException {
    CrossSiteRequestRefused(String why) {
        super(why, null, false, false);
    }
}
