package org.ecommerce.dao.recommendation;

import java.time.Duration;
import java.time.Instant;

/**
 * How recommendation scores fade with time, as stored in the database.
 *
 * <p>An interaction of weight {@code w} at time {@code t} is worth {@code w / 2} one half-life
 * later. Scores are stored relative to the epoch: {@code w * 2^((t - epoch) / halfLife)}.
 *
 * @param halfLife after how long an interaction counts half
 * @param epoch    the reference instant of the stored scores
 */
public record ScoreDecay(Duration halfLife, Instant epoch) {

    /** The factor that turns a stored score into its value at {@code at}. */
    public double factorAt(Instant at) {
        Duration elapsed = Duration.between(epoch, at);
        double halfLives = (elapsed.getSeconds() + elapsed.getNano() / 1e9) / halfLife.toSeconds();
        return Math.pow(2, -halfLives);
    }
}
