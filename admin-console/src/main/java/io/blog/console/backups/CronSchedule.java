package io.blog.console.backups;

import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZonedDateTime;
import java.time.temporal.ChronoUnit;
import java.util.BitSet;
import java.util.Optional;

/**
 * The five-field cron schedule of the backups (BLOG_BACKUP_SCHEDULE, run by cron in the host's
 * time zone): when it fires next. Fields take *, numbers, ranges, lists and steps, as cron does;
 * when both day of month and day of week are restricted, either one matching is enough.
 */
public final class CronSchedule {

    private final BitSet minutes;
    private final BitSet hours;
    private final BitSet daysOfMonth;
    private final BitSet months;
    private final BitSet daysOfWeek;
    private final boolean anyDayOfMonth;
    private final boolean anyDayOfWeek;

    private CronSchedule(String[] fields) {
        minutes = field(fields[0], 0, 59);
        hours = field(fields[1], 0, 23);
        daysOfMonth = field(fields[2], 1, 31);
        months = field(fields[3], 1, 12);
        daysOfWeek = field(fields[4], 0, 7);
        if (daysOfWeek.get(7)) {
            daysOfWeek.set(0);   // 7 is Sunday too
        }
        anyDayOfMonth = fields[2].startsWith("*");
        anyDayOfWeek = fields[4].startsWith("*");
    }

    /** The schedule, or empty when the expression is not five valid cron fields. */
    public static Optional<CronSchedule> parse(String expression) {
        String[] fields = expression == null ? new String[0] : expression.trim().split("\\s+");
        if (fields.length != 5) {
            return Optional.empty();
        }
        try {
            return Optional.of(new CronSchedule(fields));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    /** The first time after {@code after} (to the minute) when cron runs it; empty if never within four years. */
    public Optional<ZonedDateTime> next(ZonedDateTime after) {
        ZonedDateTime start = after.truncatedTo(ChronoUnit.MINUTES).plusMinutes(1);
        LocalDate day = start.toLocalDate();
        for (int i = 0; i < 4 * 366; i++, day = day.plusDays(1)) {
            if (!months.get(day.getMonthValue()) || !dayMatches(day)) {
                continue;
            }
            for (int h = hours.nextSetBit(0); h >= 0; h = hours.nextSetBit(h + 1)) {
                for (int m = minutes.nextSetBit(0); m >= 0; m = minutes.nextSetBit(m + 1)) {
                    ZonedDateTime candidate = ZonedDateTime.of(day, LocalTime.of(h, m), after.getZone());
                    if (!candidate.isBefore(start)) {
                        return Optional.of(candidate);
                    }
                }
            }
        }
        return Optional.empty();
    }

    private boolean dayMatches(LocalDate day) {
        boolean dom = daysOfMonth.get(day.getDayOfMonth());
        boolean dow = daysOfWeek.get(day.getDayOfWeek().getValue() % 7);
        if (anyDayOfMonth || anyDayOfWeek) {
            return dom && dow;
        }
        return dom || dow;
    }

    private static BitSet field(String text, int min, int max) {
        BitSet set = new BitSet(max + 1);
        for (String part : text.split(",")) {
            int step = 1;
            String range = part;
            int slash = part.indexOf('/');
            if (slash >= 0) {
                step = Integer.parseInt(part.substring(slash + 1));
                range = part.substring(0, slash);
            }
            int from;
            int to;
            if (range.equals("*")) {
                from = min;
                to = max;
            } else if (range.contains("-")) {
                from = Integer.parseInt(range.substring(0, range.indexOf('-')));
                to = Integer.parseInt(range.substring(range.indexOf('-') + 1));
            } else {
                from = Integer.parseInt(range);
                to = slash >= 0 ? max : from;
            }
            if (step < 1 || from < min || to > max || from > to) {
                throw new IllegalArgumentException("cron field out of range: " + part);
            }
            for (int v = from; v <= to; v += step) {
                set.set(v);
            }
        }
        return set;
    }
}
