/**
 * Load-cell amplifier facts, one table entry per output data rate, and the detector's
 * window sizes that follow from them.
 *
 * HX711 datasheet (avia semiconductor, "24-Bit ADC for Weigh Scales"):
 * - p.1 / "Output data rate": 10 SPS (RATE pin low) or 80 SPS (RATE pin high).
 * - p.3 table "Input noise": 50 nV rms at 10 SPS, 90 nV rms at 80 SPS (gain 128).
 * - p.3 "Settling time": 400 ms at 10 SPS, 50 ms at 80 SPS (4 conversion periods): a step
 *   in the input takes four readings to show in full.
 *
 * The datasheet noise is the floor; a bar cell on a cheap green module with a USB-powered
 * supply shows several times that, and the same microvolts are worth more grams on a
 * bigger cell (a 20 kg cell at the same mV/V output has 4× the grams per µV). The detector
 * only starts from `typicalNoiseGrams`; it measures the real noise at tare and tracks it.
 */
export interface AmplifierRate {
  readonly samplesPerSecond: 10 | 80;
  /** Conversion period in ms (1000 / SPS). */
  readonly periodMs: number;
  /** Datasheet input-referred noise, nV rms at gain 128. */
  readonly datasheetNoiseNv: number;
  /** Starting guess of rms noise in grams for a 5 kg bar cell module (scaled by capacity). */
  readonly typicalNoiseGrams: number;
  /** Datasheet settling time after power-up or a step, ms. */
  readonly settlingMs: number;
  /**
   * Consecutive readings beyond the motion threshold before a motion starts. One
   * corrupted reading never starts anything.
   */
  readonly motionSamples: number;
  /**
   * Consecutive readings below the lift threshold before `lift-start`. At 80 SPS, 6
   * readings (75 ms) outlast a negative half-wave of shelf ringing (≥ 10 Hz ⇒ ≤ 50 ms);
   * at 10 SPS the amplifier's own filter removes the ringing, and 2 readings reject a
   * corrupted one.
   */
  readonly liftStartSamples: number;
  /** Readings in the window that decides a lift has settled (mean gives Δ). */
  readonly settleSamples: number;
  /** Segments the settle window is cut into for the flatness test (each ≥ one ringing period at 80 SPS). */
  readonly settleSegments: number;
  /** Readings a put, a wrong item or a give-up must stay settled for (a hand or a lean sways within it). */
  readonly longSettleSamples: number;
  readonly longSettleSegments: number;
  /**
   * How far (fraction of a unit) a settled window may stray from flat: leftover ringing
   * that cannot change a count. At 10 SPS the amplifier's filter has already removed the
   * ringing, so the window must be flatter.
   */
  readonly settleSlackUnits: number;
}

export const HX711_RATES: Readonly<Record<10 | 80, AmplifierRate>> = {
  10: {
    samplesPerSecond: 10,
    periodMs: 100,
    datasheetNoiseNv: 50,
    typicalNoiseGrams: 0.55,
    settlingMs: 400,
    motionSamples: 2,
    liftStartSamples: 2,
    settleSamples: 4,
    settleSegments: 4,
    longSettleSamples: 10,
    longSettleSegments: 5,
    settleSlackUnits: 0.01,
  },
  80: {
    samplesPerSecond: 80,
    periodMs: 12.5,
    datasheetNoiseNv: 90,
    typicalNoiseGrams: 1.0,
    settlingMs: 50,
    motionSamples: 3,
    liftStartSamples: 6,
    settleSamples: 32,
    settleSegments: 4,
    longSettleSamples: 80,
    longSettleSegments: 8,
    settleSlackUnits: 0.03,
  },
};

/** Capacity the noise figures above are written for. */
export const REFERENCE_CAPACITY_GRAMS = 5000;

/**
 * Unit-weight spread of produce (eggs, apples, lily bulbs, potatoes): each item within
 * ±10 % of the nominal unit weight. Packaged goods are tighter; this is the safe default.
 */
export const DEFAULT_UNIT_SPREAD = 0.1;

/** Baseline tracking may move the zero by at most this many grams per hour per 5 kg of capacity (creep + temperature). */
export const DEFAULT_MAX_DRIFT_GRAMS_PER_HOUR = 60;
