// Runs every benchmark (npm run bench). Each bench file runs on import and can also run alone.
import './synth';
import './probe';
