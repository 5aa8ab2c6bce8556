package io.ranchersg.cli.view;

import io.ranchersg.aws.GroupCheck;
import io.ranchersg.aws.ScanResult;
import io.ranchersg.aws.ScanTarget;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/**
 * What a scan could not read, and why: a whole account ({@code region} null), a region of it
 * ({@code groupId} null), or one group in it. The account is null for the caller's own when it is
 * not known.
 */
record ScanError(String accountId, String accountName, String region, String groupId, String groupName,
                 String message) {

    /**
     * Everything a scan could not read, in order: accounts, then regions and groups account by
     * account; {@code describe} words each failure on one line.
     */
    static List<ScanError> of(ScanResult result, Function<RuntimeException, String> describe) {
        List<ScanError> errors = new ArrayList<>();
        for (ScanResult.AccountFailure failure : result.failedAccounts()) {
            errors.add(new ScanError(failure.account().id(), failure.account().name(), null, null, null,
                    describe.apply(failure.failure())));
        }
        for (ScanResult.Entry entry : result.entries()) {
            ScanTarget target = entry.target();
            entry.failed().ifPresent(e -> errors.add(new ScanError(target.accountId(), target.accountName(),
                    target.region(), null, null, describe.apply(e))));
            for (GroupCheck.Unchecked group : entry.unchecked()) {
                errors.add(new ScanError(target.accountId(), target.accountName(), target.region(), group.groupId(),
                        group.groupName(), describe.apply(group.error())));
            }
        }
        return errors;
    }

    /** For stderr: {@code scan of ACCOUNT failed: ...}, {@code scan of [ACCOUNT ]REGION failed: ...}, or a group's. */
    String line() {
        String account = accountId == null ? "" : accountName == null ? accountId : accountName + " (" + accountId + ")";
        if (region == null) {
            return "scan of account " + account + " failed: " + message;
        }
        String where = account.isEmpty() ? region : account + " " + region;
        if (groupId == null) {
            return "scan of " + where + " failed: " + message;
        }
        return "scan of " + where + ": security group " + groupId + " ('" + groupName
                + "') could not be checked: " + message;
    }
}
