/**
 * Load-cell amplifier facts, one table entry per output data rate.
 *
 * HX711 datasheet (avia semiconductor, "24-Bit ADC for Weigh Scales"):
 * - p.1 / "Output data rate": 10 SPS (RATE pin low) or 80 SPS (RATE pin high).
 * - p.3 table "Input noise": 50 nV rms at 10 SPS, 90 nV rms at 80 SPS (gain 128).
 * - p.3 "Settling time": 400 ms at 10 SPS, 50 ms at 80 SPS (4 conversion periods).
 *
 * The datasheet noise is the floor; a bar cell on a cheap green module with a USB-powered
 * supply shows several times that. `typicalNoiseGrams` is what we model for a 5 kg bar
 * cell (about 1 µV per gram at 1 mV/V excitation 4.3 V), rounded up for real wiring; the
 * detector measures the actual noise at tare and tracks it while stable.
 */
export interface AmplifierRate {
  readonly samplesPerSecond: 10 | 80;
  /** Conversion period in ms (1000 / SPS). */
  readonly periodMs: number;
  /** Datasheet input-referred noise, nV rms at gain 128. */
  readonly datasheetNoiseNv: number;
  /** Modelled rms noise in grams for a typical 5 kg bar cell module. */
  readonly typicalNoiseGrams: number;
  /** Datasheet settling time after power-up or rate change, ms. */
  readonly settlingMs: number;
  /**
   * Consecutive samples beyond the threshold needed for "lift started". At 80 SPS two
   * samples (25 ms) reject the HX711's occasional single glitch reading; at 10 SPS one
   * sample already costs 100 ms, so we take the first and may later cancel.
   */
  readonly evidenceSamples: number;
  /** Samples in the settling window (mean gives Δ; std says "still moving"). */
  readonly settleWindowSamples: number;
}

export const HX711_RATES: Readonly<Record<10 | 80, AmplifierRate>> = {
  10: {
    samplesPerSecond: 10,
    periodMs: 100,
    datasheetNoiseNv: 50,
    typicalNoiseGrams: 0.3,
    settlingMs: 400,
    evidenceSamples: 1,
    settleWindowSamples: 5,
  },
  80: {
    samplesPerSecond: 80,
    periodMs: 12.5,
    datasheetNoiseNv: 90,
    typicalNoiseGrams: 0.6,
    settlingMs: 50,
    evidenceSamples: 2,
    settleWindowSamples: 16,
  },
};

/**
 * Unit-weight spread of produce (eggs, apples, lily bulbs, potatoes): each item within
 * ±10 % of the nominal unit weight. Packaged goods are tighter; this is the safe default.
 */
export const DEFAULT_UNIT_SPREAD = 0.1;

/** Baseline tracking may move the zero by at most this many grams per hour (creep + temperature). */
export const DEFAULT_MAX_DRIFT_GRAMS_PER_HOUR = 30;
